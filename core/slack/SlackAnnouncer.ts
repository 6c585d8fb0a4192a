import type { JobKind } from '../ledger/finding-state';
import { statedReason } from '../ledger/stated-reason';
import { systemClock } from '../logger';
import type { SuppressionOutcome } from '../remediation/suppress-finding';
import type { LedgerRecord, SlackMessageRef } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { Announcer, Notifier, ReviewDigest } from '../types/ports';
import type { Clock } from '../types/runtime';
import { buildDigestMessage } from './messages/digest';
import {
  buildDismissedMessage,
  buildOutcomeMessage,
  buildProgressMessage,
  buildReviewMessage,
} from './messages/messages';

interface SlackAnnouncerOptions {
  readonly notifier: Notifier;
  /** Named in the review message: where Remediate moves objects. */
  readonly quarantineBucket: string;
  /** The channel the notifier posts to (`''` for an incoming webhook): review floods are counted per destination. */
  readonly destination?: string;
  readonly clock?: Clock;
}

/** The Announcer port over a Notifier and the Block Kit builders: messages are built here, sent there. */
class SlackAnnouncer implements Announcer {
  readonly #notifier: Notifier;
  readonly #quarantineBucket: string;
  readonly #clock: Clock;
  readonly destination: string;

  constructor(options: SlackAnnouncerOptions) {
    this.#notifier = options.notifier;
    this.destination = options.destination ?? '';
    this.#quarantineBucket = options.quarantineBucket;
    this.#clock = options.clock ?? systemClock;
  }

  review(record: LedgerRecord): Promise<SlackMessageRef> {
    const reason = record.decisionReason;
    return this.#notifier.post(
      buildReviewMessage({
        finding: record,
        quarantineBucket: this.#quarantineBucket,
        ...(record.remediation ? { remediation: record.remediation } : {}),
        ...(reason ? { reason } : {}),
      }),
    );
  }

  async progress(record: LedgerRecord, actor: string, kind: JobKind): Promise<void> {
    if (!record.slack) return;
    await this.#notifier.update(
      record.slack,
      buildProgressMessage({ finding: record, actor, at: this.#now(), action: kind, ...reasonOf(record) }),
    );
  }

  /** Updates the finding's message; a finding that never had one (AUTO) gets a new message, whose ref is returned. */
  async outcome(
    record: LedgerRecord,
    result: RemediationResult,
    actor: string,
    kind: JobKind,
  ): Promise<SlackMessageRef | undefined> {
    const message = buildOutcomeMessage({
      finding: record,
      result,
      kind,
      actor,
      at: this.#now(),
      quarantineBucket: this.#quarantineBucket,
      ...reasonOf(record),
    });
    if (!record.slack) return this.#notifier.post(message);
    await this.#notifier.update(record.slack, message);
    return undefined;
  }

  async dismissed(record: LedgerRecord, actor: string, suppression?: SuppressionOutcome): Promise<void> {
    if (!record.slack) return;
    await this.#notifier.update(
      record.slack,
      buildDismissedMessage({
        finding: record,
        actor,
        at: this.#now(),
        ...(suppression ? { suppression } : {}),
        ...reasonOf(record),
      }),
    );
  }

  digest(digest: ReviewDigest): Promise<SlackMessageRef> {
    return this.#notifier.post(buildDigestMessage(digest));
  }

  updateDigest(ref: SlackMessageRef, digest: ReviewDigest): Promise<void> {
    return this.#notifier.update(ref, buildDigestMessage(digest));
  }

  #now(): string {
    return this.#clock().toISOString();
  }
}

/** The reason the record's latest decision was given, as the message builders take it. */
function reasonOf(record: LedgerRecord): { readonly statedReason?: string } {
  const reason = statedReason(record);
  return reason ? { statedReason: reason } : {};
}

export type { SlackAnnouncerOptions };
export { SlackAnnouncer };
