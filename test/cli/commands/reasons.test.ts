import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (result: CliRun) => JSON.parse(result.stdout);

describe('Commands: dismiss, and --reason (reasonRequired)', () => {
  let stack: CliStack;

  // An empty variable is "not set": the default, ["dismiss", "restore"] (the stack's suites set none).
  const DEFAULT = { MACIE_REMEDIATE_REASON_REQUIRED: '' };
  const run = (args: string[], env: Readonly<Record<string, string>> = DEFAULT) => stack.run(args, { env });

  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(async () => {
    await stack.stop();
  });

  /** A finding awaiting review (REVIEW policy), announced by a backfill. */
  async function awaitingReview(prefix: string): Promise<string> {
    const [finding] = await stack.seed(1, 'SensitiveData:S3Object/Personal', { prefix, start: Date.now() });
    expect((await run(['backfill'])).code).toBe(0);
    return finding?.id as string;
  }

  it('refuses dismiss without --reason: usage error, exit 2, one line, nothing changed', async () => {
    const id = await awaitingReview('no-reason');

    const result = await run(['dismiss', id]);

    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('--reason: a reason is required to dismiss'),
    ]);
    expect(json(await run(['history', id, '--json'])).state).toBe('AWAITING_REVIEW');
  });

  it('dismisses with the reason, which history, its --json and audit show', async () => {
    const id = await awaitingReview('with-reason');

    const result = await run(['dismiss', id, '--reason', 'test fixture, SEC-7', '--json']);
    const history = await run(['history', id]);
    const record = json(await run(['history', id, '--json']));
    const audit = await run(['audit', '--format', 'csv']);

    expect(result.code).toBe(0);
    expect(json(result)).toEqual({
      results: [expect.objectContaining({ findingId: id, outcome: 'DISMISSED' })],
      summary: { DISMISSED: 1 },
    });
    expect(record.state).toBe('DISMISSED');
    expect(record.history.at(-1)).toEqual(
      expect.objectContaining({ action: 'dismiss-requested', reason: 'test fixture, SEC-7' }),
    );
    expect(history.stdout).toContain('test fixture, SEC-7');
    expect(audit.stdout.split('\r\n')[0]).toMatch(/,reason$/);
    expect(audit.stdout).toContain('"test fixture, SEC-7"');
  });

  it('reports a finding not awaiting review as FAILED (exit 1) and an unknown id as a usage error (exit 2)', async () => {
    const id = await awaitingReview('twice');
    expect((await run(['dismiss', id, '--reason', 'first'])).code).toBe(0);
    const quarantined = await awaitingReview('moved');
    expect((await run(['remediate', quarantined, '--yes'])).code).toBe(0);

    const again = await run(['dismiss', id, '--reason', 'second', '--json']);
    const moved = await run(['dismiss', quarantined, '--reason', 'too late', '--json']);
    const unknown = await run(['dismiss', 'f'.repeat(32), '--reason', 'who?']);

    expect(again.code).toBe(0);
    expect(json(again).results[0]).toEqual(expect.objectContaining({ outcome: 'DISMISSED' }));
    expect(moved.code).toBe(1);
    expect(json(moved).results[0]).toEqual(
      expect.objectContaining({ outcome: 'FAILED', reason: expect.stringContaining('finding is quarantined') }),
    );
    expect(unknown.code).toBe(2);
  });

  it('restore needs --reason (exit 2, nothing moved) and carries it into the history', async () => {
    const id = await awaitingReview('restore');
    expect((await run(['remediate', id, '--yes'])).code).toBe(0);

    const refused = await run(['restore', id, '--yes']);
    const state = json(await run(['history', id, '--json'])).state;
    const restored = await run(['restore', id, '--yes', '--reason', 'false positive']);
    const record = json(await run(['history', id, '--json']));

    expect(refused.code).toBe(2);
    expect(state).toBe('QUARANTINED');
    expect(restored.code).toBe(0);
    expect(record.history.at(-1)).toEqual(expect.objectContaining({ action: 'restored', reason: 'false positive' }));
  });

  it('remediate takes --reason when reasonRequired names it (env), and refuses without', async () => {
    const env = { MACIE_REMEDIATE_REASON_REQUIRED: 'remediate' };
    const id = await awaitingReview('remediate');

    const refused = await run(['remediate', id, '--yes'], env);
    const done = await run(['remediate', id, '--yes', '--reason', 'payroll leak'], env);
    const record = json(await run(['history', id, '--json']));

    expect(refused.code).toBe(2);
    expect(done.code).toBe(0);
    expect(record.history.at(-1)).toEqual(expect.objectContaining({ action: 'quarantined', reason: 'payroll leak' }));
  });

  it('names the setting and the source of a bad reasonRequired value (exit 2)', async () => {
    const result = await run(['dismiss', 'f'.repeat(32), '--reason', 'x'], {
      MACIE_REMEDIATE_REASON_REQUIRED: 'dismiss,delete',
    });

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('actions that need a reason "delete" from MACIE_REMEDIATE_REASON_REQUIRED');
  });
});
