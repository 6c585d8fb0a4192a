import { SLACK_CHANNEL_INTERVAL_MS } from '../slack/channel-pacer';
import type { LedgerRecord, ReviewTally } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { Announcer, ReviewDigest } from '../types/ports';
import { announceSafely } from './announce-safely';
import type { FindingDeps } from './RemediationDeps';
import { resultFromRecord } from './result-from-record';

/**
 * A large scan can raise hundreds of REVIEW findings at once. Past {@link REVIEW_FLOOD}.perWindow review
 * messages in one window and destination, the rest are counted in one digest message (posted once, then
 * updated) instead of posted one by one. Constants, not settings: they follow Slack's guidance for a
 * readable channel, not anything a deployment differs in.
 */
const REVIEW_FLOOD = { perWindow: 20, windowMs: 5 * 60 * 1000 } as const;

/** The history action of a review counted in its window's digest instead of posted: it is announced. */
const DIGESTED = 'digested';

/** Whether a review was announced through its window's digest (it has no message of its own to resume). */
const wasDigested = (record: LedgerRecord): boolean => record.history.some((event) => event.action === DIGESTED);

/**
 * Announces a finding awaiting review: its own message while its window is below the threshold, else the
 * window's digest. The window's tally is a ledger item, so concurrent finding handlers count together.
 */
async function announceReview(deps: FindingDeps, record: LedgerRecord): Promise<RemediationResult> {
  const announcer = deps.announcer;
  if (!announcer) return postReview(deps, record);
  const window = reviewWindow(announcer.destination, deps.clock());
  const tally = await deps.ledger.tallyReview(window.key, digestGroup(record));
  if (tally.count <= REVIEW_FLOOD.perWindow) return postReview(deps, record);
  await showDigest(deps, announcer, window, tally);
  await deps.ledger.annotate(record.findingId, {
    at: deps.clock().toISOString(),
    actor: 'system',
    action: DIGESTED,
    detail: `review ${tally.count} in the window from ${window.start}: counted in its digest`,
  });
  return {
    ...resultFromRecord(record),
    outcome: 'NOTIFIED',
    reason: `counted in the review digest (more than ${REVIEW_FLOOD.perWindow} reviews since ${window.start})`,
  };
}

async function postReview(deps: FindingDeps, record: LedgerRecord): Promise<RemediationResult> {
  const sent = await announceSafely(deps, record, (announcer) => announcer.review(record));
  if (sent.delivered) {
    await deps.ledger.annotate(
      record.findingId,
      { at: deps.clock().toISOString(), actor: 'system', action: 'announced' },
      { slack: sent.value },
    );
  }
  return {
    ...resultFromRecord(record),
    outcome: 'NOTIFIED',
    ...(sent.delivered ? {} : { reason: `review message owed: ${sent.reason}` }),
  };
}

/**
 * The first review past the threshold posts the digest and keeps its ref on the tally; every review past
 * it then asks for the turn to show the digest, and one process at a time holds it: it updates the digest
 * and ends its turn only when the tally still counts what it showed (a conditional write); reviews counted
 * meanwhile are shown together a Slack second later. So concurrent finding handlers make one update a
 * second between them, a sequential run (backfill) one per review, and the last update counts the last
 * review. A turn left by a dead process expires.
 * A digest Slack refuses is logged, not owed: the next turn updates it, and the findings wait in the
 * ledger either way.
 */
async function showDigest(deps: FindingDeps, announcer: Announcer, window: ReviewWindow, tally: ReviewTally) {
  try {
    let latest = tally;
    /** What the digest shows as far as this process knows: nothing it did not post itself. */
    let shown = 0;
    if (!latest.digest) {
      if (latest.count !== REVIEW_FLOOD.perWindow + 1) return;
      latest = await deps.ledger.keepDigest(window.key, await announcer.digest(digestOf(window, latest)));
      shown = tally.count;
    }
    const turnUntil = () => new Date(deps.clock().getTime() + DIGEST_TURN_MS).toISOString();
    if (!(await deps.ledger.takeDigestTurn(window.key, turnUntil(), deps.clock().toISOString()))) return;
    const sleep = deps.sleep ?? defaultSleep;
    for (;;) {
      const ref = latest.digest;
      if (ref && latest.count > shown) await announcer.updateDigest(ref, digestOf(window, latest));
      shown = Math.max(shown, latest.count);
      const next = await deps.ledger.endDigestTurn(window.key, shown, turnUntil());
      if (!next) return;
      // Reviews counted while this one updated: show them together, a Slack second later.
      await sleep(SLACK_CHANNEL_INTERVAL_MS);
      latest = next;
    }
  } catch (err) {
    deps.logger.warn('review digest not shown', {
      window: window.key,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}

/** How long a turn to show the digest lasts unless ended: long enough for a flood, short if its holder dies. */
const DIGEST_TURN_MS = 60 * 1000;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

interface ReviewWindow {
  /** `<destination>#<start>`: the tally's key. */
  readonly key: string;
  readonly start: string;
  readonly end: string;
}

/** Fixed windows (aligned to the epoch), so every process computes the same one from its clock. */
function reviewWindow(destination: string, now: Date): ReviewWindow {
  const startMs = Math.floor(now.getTime() / REVIEW_FLOOD.windowMs) * REVIEW_FLOOD.windowMs;
  const start = new Date(startMs).toISOString();
  return { key: `${destination}#${start}`, start, end: new Date(startMs + REVIEW_FLOOD.windowMs).toISOString() };
}

/** Bucket names hold no space, so `<bucket> <type>` splits back at its first one. */
const digestGroup = (record: LedgerRecord): string => `${record.source.bucket} ${record.findingType}`;

function digestOf(window: ReviewWindow, tally: ReviewTally): ReviewDigest {
  const groups = Object.entries(tally.groups).map(([group, count]) => {
    const space = group.indexOf(' ');
    return { bucket: group.slice(0, space), type: group.slice(space + 1), count };
  });
  return {
    windowStart: window.start,
    windowEnd: window.end,
    total: tally.count,
    posted: REVIEW_FLOOD.perWindow,
    groups,
  };
}

export { announceReview, REVIEW_FLOOD, wasDigested };
