import { RemediateError } from '../../../../core/errors';
import type { SuppressionOutcome } from '../../../../core/remediation/suppress-finding';
import type { LedgerRecord, SlackMessageRef } from '../../../../core/types/ledger';
import type { RemediationResult } from '../../../../core/types/outcome';
import type {
  Announcer,
  EphemeralTarget,
  Notifier,
  Quarantine,
  RemediationJob,
  ReviewDigest,
  SlackMessage,
} from '../../../../core/types/ports';
import type {
  LegalHoldResult,
  QuarantinedCopy,
  QuarantineResult,
  QuarantineTarget,
  RestoreResult,
  RestoreTarget,
  SealResult,
  TagResult,
  TagTarget,
  UnsealResult,
  UntagResult,
  UntagTarget,
} from '../../../../core/types/quarantine';

const slackDown = () => new RemediateError('SLACK_FAILED', 'Slack chat.postMessage failed: HTTP 500');

type AnnouncerCall =
  | { readonly method: 'review'; readonly findingId: string }
  | { readonly method: 'progress'; readonly findingId: string; readonly actor: string; readonly kind: string }
  | { readonly method: 'outcome'; readonly findingId: string; readonly actor: string; readonly outcome: string }
  | {
      readonly method: 'dismissed';
      readonly findingId: string;
      readonly actor: string;
      readonly suppression?: SuppressionOutcome;
    }
  | { readonly method: 'digest'; readonly total: number; readonly ts?: string };

/** An Announcer that records what it was asked to say; `down` makes every call fail as Slack would. */
class RecordingAnnouncer implements Announcer {
  readonly calls: AnnouncerCall[] = [];
  readonly destination = 'C0REVIEW01';
  down = false;
  #posted = 0;

  async review(record: LedgerRecord): Promise<SlackMessageRef> {
    this.#check();
    this.calls.push({ method: 'review', findingId: record.findingId });
    return this.#newMessage();
  }

  async progress(record: LedgerRecord, actor: string, kind: RemediationJob['kind']): Promise<void> {
    this.#check();
    this.calls.push({ method: 'progress', findingId: record.findingId, actor, kind });
  }

  async outcome(record: LedgerRecord, result: RemediationResult, actor: string): Promise<SlackMessageRef | undefined> {
    this.#check();
    this.calls.push({ method: 'outcome', findingId: record.findingId, actor, outcome: result.outcome });
    return record.slack ? undefined : this.#newMessage();
  }

  async dismissed(record: LedgerRecord, actor: string, suppression?: SuppressionOutcome): Promise<void> {
    this.#check();
    this.calls.push({
      method: 'dismissed',
      findingId: record.findingId,
      actor,
      ...(suppression ? { suppression } : {}),
    });
  }

  async digest(digest: ReviewDigest): Promise<SlackMessageRef> {
    this.#check();
    this.calls.push({ method: 'digest', total: digest.total });
    return this.#newMessage();
  }

  async updateDigest(ref: SlackMessageRef, digest: ReviewDigest): Promise<void> {
    this.#check();
    this.calls.push({ method: 'digest', total: digest.total, ...(ref.ts ? { ts: ref.ts } : {}) });
  }

  of(method: AnnouncerCall['method']): AnnouncerCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  #check(): void {
    if (this.down) throw slackDown();
  }

  #newMessage(): SlackMessageRef {
    this.#posted += 1;
    return { channel: 'C0REVIEW01', ts: `1764237600.${String(this.#posted).padStart(6, '0')}`, postedAt: 'x' };
  }
}

/** A Quarantine that answers from a script (default: every move and restore succeeds) and records its calls. */
class FakeQuarantine implements Quarantine {
  readonly moves: QuarantineTarget[] = [];
  readonly restores: RestoreTarget[] = [];
  readonly nextMoves: QuarantineResult[] = [];
  readonly nextRestores: RestoreResult[] = [];
  readonly tags: TagTarget[] = [];
  readonly untags: UntagTarget[] = [];
  /** Runs during each move, before it answers: what happens elsewhere while the engine works. */
  onMove?: () => Promise<void>;
  /** Runs during each tagging, before it answers. */
  onTag?: () => Promise<void>;

  async quarantine(target: QuarantineTarget): Promise<QuarantineResult> {
    this.moves.push(target);
    await this.onMove?.();
    return this.nextMoves.shift() ?? { outcome: 'QUARANTINED', copy: copyFor(target.findingId, target) };
  }

  async restore(target: RestoreTarget): Promise<RestoreResult> {
    this.restores.push(target);
    const copy = copyFor(target.findingId);
    return this.nextRestores.shift() ?? { outcome: 'RESTORED', copy, restored: copy.source };
  }

  async legalHold(_findingId: string, status: 'ON' | 'OFF'): Promise<LegalHoldResult> {
    return { outcome: status === 'ON' ? 'HELD' : 'RELEASED', versions: 1 };
  }

  async locate(): Promise<QuarantinedCopy | undefined> {
    return undefined;
  }

  async *list(): AsyncIterable<QuarantinedCopy> {}

  async seal(): Promise<SealResult> {
    throw new Error('not used by the remediation tests yet');
  }

  async unseal(): Promise<UnsealResult> {
    throw new Error('not used by the remediation tests yet');
  }

  async tag(target: TagTarget): Promise<TagResult> {
    this.tags.push(target);
    await this.onTag?.();
    return { outcome: 'TAGGED', location: { bucket: target.source.bucket, key: target.source.key } };
  }

  async untag(target: UntagTarget): Promise<UntagResult> {
    this.untags.push(target);
    return { outcome: 'RESTORED', location: { bucket: target.source.bucket, key: target.source.key } };
  }
}

function copyFor(findingId: string, target?: QuarantineTarget): QuarantinedCopy {
  const source = target?.source ?? { bucket: 'payroll-exports', key: 'hr/salaries.csv' };
  return {
    findingId,
    source,
    quarantine: { bucket: 'quarantine-bucket', key: `${findingId}/${source.bucket}/${source.key}` },
    size: 10,
    quarantinedAt: '2026-11-27T12:00:00.000Z',
    actor: target?.actor ?? 'auto',
  };
}

/** A Notifier that records ephemeral replies (the only thing the click door sends directly). */
class RecordingNotifier implements Notifier {
  readonly ephemerals: { target: EphemeralTarget; text: string }[] = [];
  down = false;

  async post(): Promise<SlackMessageRef> {
    throw new Error('not used by the click door');
  }

  async update(_ref: SlackMessageRef, _message: SlackMessage): Promise<void> {
    throw new Error('not used by the click door');
  }

  async ephemeral(target: EphemeralTarget, text: string): Promise<void> {
    if (this.down) throw slackDown();
    this.ephemerals.push({ target, text });
  }
}

export type { AnnouncerCall };
export { FakeQuarantine, RecordingAnnouncer, RecordingNotifier };
