import type { Clock } from '../../core/types';
import { randomHex } from './slack-ids';

/** What a response URL acts on: the message that was clicked, for the user who clicked. */
interface ResponseTarget {
  readonly channel: string;
  readonly messageTs: string;
  readonly user: string;
}

/** Slack's limits: a response URL works for 30 minutes and at most 5 times. */
const LIFETIME_MS = 30 * 60 * 1000;
const MAX_USES = 5;

type Redeemed =
  | { readonly ok: true; readonly target: ResponseTarget }
  | { readonly ok: false; readonly error: 'no_service' | 'expired_url' | 'used_url' };

interface Issued {
  readonly target: ResponseTarget;
  readonly issuedAt: number;
  uses: number;
}

/** Response URLs handed out with interactivity payloads, checked against the injected clock. */
class ResponseUrls {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly clock: Clock) {}

  /** A new response URL id for this target. */
  issue(target: ResponseTarget): string {
    const id = `${target.channel}/${randomHex(4)}/${randomHex(12)}`;
    this.issued.set(id, { target, issuedAt: this.clock().getTime(), uses: 0 });
    return id;
  }

  /** Uses the URL once: unknown, expired after 30 minutes, or used up after 5 uses. */
  redeem(id: string): Redeemed {
    const entry = this.issued.get(id);
    if (!entry) return { ok: false, error: 'no_service' };
    if (this.clock().getTime() - entry.issuedAt > LIFETIME_MS) return { ok: false, error: 'expired_url' };
    if (entry.uses >= MAX_USES) return { ok: false, error: 'used_url' };
    entry.uses++;
    return { ok: true, target: entry.target };
  }

  /** Makes every URL handed out so far expired, for tests without a clock. */
  expireAll(): void {
    for (const [id, entry] of this.issued) this.issued.set(id, { ...entry, issuedAt: -Infinity });
  }

  clear(): void {
    this.issued.clear();
  }
}

export type { Redeemed, ResponseTarget };
export { ResponseUrls };
