import { buildRemediationDeps } from '../../core/compose/build-remediation-deps';
import { loadSettings } from '../../core/config';
import { createFindingHandler } from '../../lambda/factories/finding-handler';
import { createRemediator } from '../../lambda/factories/remediator';
import { type LiveStack, startLiveStack } from '../support/live-stack';
import { recordingLogger } from '../support/recording-logger';

describe('Handler: remediator (asynchronous job → engine → ledger → Slack)', () => {
  let live: LiveStack;

  beforeAll(async () => {
    live = await startLiveStack();
  });
  afterAll(() => live.stop());

  /** A REVIEW finding recorded by the finding handler, waiting for a job. */
  async function awaitingReview() {
    const { logger, lines } = recordingLogger();
    const { deps } = live.compose({ logger });
    const object = await live.putObject('hr/job.csv');
    const event = live.findingEvent('Personal', object);
    await createFindingHandler({ deps })(event);
    return { deps, lines, findingId: String(event.detail.id), object };
  }

  it('runs a remediate job, then a restore job, and logs each with the finding id', async () => {
    // Prepare
    const { deps, lines, findingId, object } = await awaitingReview();
    const remediator = createRemediator({ deps });

    // Act
    const moved = await remediator({ kind: 'remediate', findingId, actor: 'cli:ops' });
    const restored = await remediator({ kind: 'restore', findingId, actor: 'cli:ops' });

    // Assess
    expect(moved).toMatchObject({ outcome: 'QUARANTINED', quarantine: { bucket: live.quarantineBucket } });
    expect(restored).toMatchObject({ outcome: 'RESTORED', source: { bucket: object.bucket, key: object.key } });
    expect(lines.filter((l) => l.message === 'job finished').map((l) => l.fields)).toEqual([
      { findingId, outcome: 'QUARANTINED' },
      { findingId, outcome: 'RESTORED' },
    ]);
  });

  it('returns FAILED for a malformed job instead of throwing: a retry would fail the same way', async () => {
    // Prepare
    const { logger, lines } = recordingLogger();
    const remediator = createRemediator({ deps: live.compose().deps, logger });

    // Act
    const result = await remediator({ kind: 'remediate', findingId: 42 });

    // Assess
    expect(result).toMatchObject({ outcome: 'FAILED', findingId: '' });
    expect(result.reason).toMatch(/^remediation job invalid: findingId: /);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'job rejected' }));
  });

  it('throws on a system failure, so Lambda retries the job (which resumes from the ledger)', async () => {
    // Prepare
    const settings = loadSettings({ env: live.env({ MACIE_REMEDIATE_LEDGER_TABLE: 'no-such-table' }) });
    const { deps } = buildRemediationDeps({ settings, s3: live.s3, dynamo: live.dynamo });

    // Act
    const run = createRemediator({ deps })({ kind: 'remediate', findingId: 'f', actor: 'auto' });

    // Assess
    await expect(run).rejects.toThrow();
  });
});
