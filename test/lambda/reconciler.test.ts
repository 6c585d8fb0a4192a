import { Macie2Client } from '@aws-sdk/client-macie2';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { buildRemediationDeps } from '../../core/compose/build-remediation-deps';
import { buildReconcileDeps } from '../../core/compose/reconcile-deps';
import { loadSettings } from '../../core/config';
import { parseFinding } from '../../core/finding/parse-finding';
import { DynamoDbWatermark } from '../../core/ledger/DynamoDbWatermark';
import { REVIEW_FLOOD, wasDigested } from '../../core/remediation/announce-review';
import { receiveFinding } from '../../core/remediation/receive-finding';
import type { LedgerRecord } from '../../core/types/ledger';
import type { Dispatcher } from '../../core/types/ports';
import { createReconciler } from '../../lambda/factories/reconciler';
import { makeFinding } from '../../local/macie/make-finding';
import { type CliStack, startCliStack } from '../cli/support/cli-stack';

const ACCOUNT = '111122223333';
const PLENTY = () => 14 * 60 * 1000;
const SCHEDULE_EVENT = { id: 'schedule-1', 'detail-type': 'Scheduled Event', source: 'aws.events', detail: {} };

describe('Handler: reconciler (schedule → core)', () => {
  let stack: CliStack;

  beforeEach(async () => {
    stack = await startCliStack();
  });
  afterEach(() => stack.stop());

  const settings = () => loadSettings({ env: { ...stack.env, MACIE_REMEDIATE_ACCOUNT_ID: ACCOUNT } });

  /**
   * Real time, moved to one second into a review window (announce-review.ts): a test counting review posts
   * must not see a second window open because the wall clock crossed a five-minute boundary meanwhile.
   */
  const started = Date.now();
  const windowStart = Math.floor(started / REVIEW_FLOOD.windowMs) * REVIEW_FLOOD.windowMs + 1000;
  const clock = () => new Date(windowStart + (Date.now() - started));

  /** The reconciler as its Lambda composes it, with the remediator's jobs run in this process. */
  const reconciler = () => {
    const s = settings();
    const remediation = buildRemediationDeps({ settings: s, s3: stack.s3, dynamo: stack.dynamo, clock });
    const macie = new Macie2Client({ region: 'us-east-1', endpoint: stack.macie.url });
    return createReconciler({
      deps: buildReconcileDeps({
        settings: s,
        dynamo: stack.dynamo,
        macie,
        dispatcher: remediation.deps.dispatcher,
        clock,
      }),
    });
  };

  /** Findings that Macie raised in the last hour, whose EventBridge events never arrived. */
  const dropped = (count: number, type: Parameters<CliStack['seed']>[1], prefix: string) =>
    stack.seed(count, type, { prefix, start: Date.now() - 60 * 60 * 1000 });

  /** Every record's state and version, by finding id: what the ledger says happened, and how often it was written. */
  const ledgerById = async (): Promise<Record<string, Pick<LedgerRecord, 'state' | 'version'>>> => {
    const found: Record<string, Pick<LedgerRecord, 'state' | 'version'>> = {};
    for await (const { findingId, state, version } of stack.ledger.query()) found[findingId] = { state, version };
    return found;
  };

  const inQuarantine = async (findingId: string, key: string): Promise<boolean> =>
    stack.s3
      .send(new HeadObjectCommand({ Bucket: stack.quarantineBucket, Key: `${findingId}/${stack.sourceBucket}/${key}` }))
      .then(
        () => true,
        () => false,
      );

  const reviewPosts = () =>
    stack.slack.calls('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('Remediate')).length;

  /** REVIEW findings announced, one by one or (past the flood threshold) in their window's digest, each once. */
  const announced = async (): Promise<number> => {
    let count = 0;
    for await (const r of stack.ledger.query({ states: ['AWAITING_REVIEW'] }))
      if ((r.slack !== undefined) !== wasDigested(r)) count += 1;
    return count;
  };

  const watermark = () => new DynamoDbWatermark({ dynamo: stack.dynamo, tableName: stack.table }).read();

  it('quarantines an AUTO finding and announces a REVIEW one whose events were dropped; a second run does nothing new', async () => {
    // Prepare
    const [auto] = await dropped(1, 'SensitiveData:S3Object/Financial', 'auto');
    const [review] = await dropped(1, 'SensitiveData:S3Object/Personal', 'review');
    const run = reconciler();

    // Act
    const first = await run(SCHEDULE_EVENT, PLENTY);
    const afterFirst = { ledger: await ledgerById(), calls: stack.slack.calls().length };
    const second = await run(SCHEDULE_EVENT, PLENTY);

    // Assess: the first run caught both up
    const autoId = auto?.id ?? '';
    const reviewId = review?.id ?? '';
    expect(first).toMatchObject({ complete: true, fresh: 2, findings: { QUARANTINED: 1, NOTIFIED: 1 } });
    expect(afterFirst.ledger).toEqual({
      [autoId]: expect.objectContaining({ state: 'QUARANTINED' }),
      [reviewId]: expect.objectContaining({ state: 'AWAITING_REVIEW' }),
    });
    expect(await inQuarantine(autoId, auto?.resourcesAffected?.s3Object?.key ?? '')).toBe(true);
    expect(reviewPosts()).toBe(1);
    expect(first.watermark).toBe(review?.updatedAt);
    expect((await watermark())?.toISOString()).toBe(review?.updatedAt);

    // ...and the second moved, recorded and announced nothing
    expect(second).toMatchObject({ complete: true, fresh: 0, watermark: review?.updatedAt });
    expect(await ledgerById()).toEqual(afterFirst.ledger);
    expect(stack.slack.calls().length).toBe(afterFirst.calls);
  });

  it('stops taking pages when time runs short, and the next run resumes from the watermark', async () => {
    // Prepare: 60 REVIEW findings, two pages of 50
    const seeded = await dropped(60, 'SensitiveData:S3Object/Personal', 'box');
    const run = reconciler();
    let asked = 0;
    const shortAfterFirstPage = () => (++asked <= 1 ? PLENTY() : 60 * 1000);

    // Act
    const cut = await run(SCHEDULE_EVENT, shortAfterFirstPage);
    const announcedAfterCut = await announced();
    stack.macie.clearRequests();
    const resumed = await run(SCHEDULE_EVENT, PLENTY);
    const listed = stack.macie.requests().find((r) => r.operation === 'ListFindings')?.body as {
      findingCriteria?: { criterion?: { updatedAt?: { gte?: number } } };
    };

    // Assess: the first run did one page and kept its place
    expect(cut).toMatchObject({ complete: false, pages: 1, fresh: 50, watermark: seeded[49]?.updatedAt });
    expect(announcedAfterCut).toBe(50);

    // ...and the next one started there and finished, announcing each finding once
    expect(listed.findingCriteria?.criterion?.updatedAt?.gte).toBe(Date.parse(seeded[49]?.updatedAt ?? ''));
    expect(resumed).toMatchObject({ complete: true, fresh: 10, findings: { NOTIFIED: 11 } });
    expect(await announced()).toBe(60);
    // 60 reviews at once are a flood: the threshold's worth posted one by one, the rest in one digest.
    expect(reviewPosts()).toBe(REVIEW_FLOOD.perWindow);
    expect(Object.values(await ledgerById()).filter((r) => r.state === 'AWAITING_REVIEW')).toHaveLength(60);
  });

  it('re-dispatches a move whose dispatch was lost once its lease has expired', async () => {
    // Prepare: an AUTO finding taken 20 minutes ago (its 15-minute lease expired) whose job never ran
    const object = await stack.putObject('lost/cards.csv');
    const finding = parseFinding(
      makeFinding({
        bucket: object.bucket,
        key: object.key,
        eTag: object.eTag,
        type: 'SensitiveData:S3Object/Financial',
      }),
    );
    const lost: Dispatcher = { dispatch: async () => undefined };
    const then = () => new Date(Date.now() - 20 * 60 * 1000);
    const taken = buildRemediationDeps({
      settings: settings(),
      s3: stack.s3,
      dynamo: stack.dynamo,
      dispatcher: lost,
      clock: then,
    });
    await receiveFinding(taken.deps, finding);
    const before = await stack.ledger.get(finding.id);

    // Act
    const report = await reconciler()(SCHEDULE_EVENT, PLENTY);

    // Assess
    expect(before?.state).toBe('REMEDIATING');
    expect(report).toMatchObject({ complete: true, repaired: { QUARANTINED: 1 } });
    expect((await stack.ledger.get(finding.id))?.state).toBe('QUARANTINED');
    expect(await inQuarantine(finding.id, object.key)).toBe(true);
  });

  it('keeps the watermark from moving backwards when an overlapping run finishes late', async () => {
    // Prepare
    const mark = new DynamoDbWatermark({ dynamo: stack.dynamo, tableName: stack.table });
    const later = new Date('2026-11-02T00:00:00.000Z');

    // Act
    const moved = [await mark.advance(later), await mark.advance(new Date('2026-11-01T00:00:00.000Z'))];

    // Assess
    expect(moved).toEqual([true, false]);
    expect(await mark.read()).toEqual(later);
    expect(await ledgerById()).toEqual({});
  });
});
