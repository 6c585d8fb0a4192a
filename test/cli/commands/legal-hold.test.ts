import { GetObjectLegalHoldCommand, HeadObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

describe('Commands: hold and release', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });
  afterAll(() => stack.stop());

  /** A finding quarantined (AUTO) by a backfill: its id, source key and the copy's key. */
  async function quarantined(prefix: string) {
    const [finding] = await stack.seed(1, 'SensitiveData:S3Object/Financial', { prefix, start: Date.now() });
    expect((await stack.run(['backfill'])).code).toBe(0);
    const id = finding?.id as string;
    const record = await stack.ledger.get(id);
    expect(record?.state).toBe('QUARANTINED');
    return { id, sourceKey: record?.source.key as string, copyKey: record?.quarantine?.key as string };
  }

  const copyHold = async (copyKey: string) => {
    const versions = await stack.s3.send(
      new ListObjectVersionsCommand({ Bucket: stack.quarantineBucket, Prefix: copyKey }),
    );
    const versionId = versions.Versions?.[0]?.VersionId;
    const got = await stack.s3.send(
      new GetObjectLegalHoldCommand({ Bucket: stack.quarantineBucket, Key: copyKey, VersionId: versionId }),
    );
    return got.LegalHold?.Status;
  };

  it('hold puts the copy on legal hold; list quarantined and history show it; restore is refused until release', async () => {
    // Prepare
    const { id, sourceKey, copyKey } = await quarantined('held');

    // Act
    const held = await stack.run(['hold', id, '--reason', 'litigation LC-42', '--json']);
    const listed = json(await stack.run(['list', 'quarantined', '--json']));
    const table = await stack.run(['list', 'quarantined']);
    const history = json(await stack.run(['history', id, '--json']));
    const refused = await stack.run(['restore', id, '--yes', '--json']);
    const sourceAfterRefusal = await stack.s3
      .send(new HeadObjectCommand({ Bucket: stack.sourceBucket, Key: sourceKey }))
      .then(
        () => 'present',
        (err: Error) => err.name,
      );
    const statusWhileHeld = await copyHold(copyKey);
    const released = await stack.run(['release', id, '--json']);
    const statusReleased = await copyHold(copyKey);
    const restored = await stack.run(['restore', id, '--yes', '--json']);

    // Assess
    expect(held.code).toBe(0);
    expect(json(held)).toEqual({
      results: [expect.objectContaining({ findingId: id, outcome: 'HELD' })],
      summary: { HELD: 1 },
    });
    expect(statusWhileHeld).toBe('ON');
    const row = listed.find((r: { findingId: string }) => r.findingId === id);
    expect(row.legalHold).toEqual({
      at: expect.any(String),
      by: expect.stringMatching(/^cli:/),
      reason: 'litigation LC-42',
    });
    expect(table.stdout).toContain('legal hold');
    expect(table.stdout).toContain(`by ${row.legalHold.by}`);
    expect(history.history.at(-1)).toMatchObject({ action: 'legal-hold', reason: 'litigation LC-42' });
    expect(refused.code).toBe(1);
    expect(json(refused).results).toEqual([
      expect.objectContaining({
        outcome: 'FAILED',
        reason: `on legal hold since ${row.legalHold.at} by ${row.legalHold.by}; release it first`,
      }),
    ]);
    expect(sourceAfterRefusal).toBe('NotFound');
    expect(released.code).toBe(0);
    expect(json(released).results).toEqual([expect.objectContaining({ outcome: 'RELEASED' })]);
    expect(statusReleased).toBe('OFF');
    expect(restored.code).toBe(0);
    expect(json(restored).results).toEqual([expect.objectContaining({ outcome: 'RESTORED' })]);
  });

  it('a finding not in quarantine is FAILED naming its state (exit 1); an unknown id is exit 2, one line, nothing changed', async () => {
    // Prepare
    const { id } = await quarantined('not-held');
    expect((await stack.run(['restore', id, '--yes'])).code).toBe(0);
    const before = await stack.ledger.get(id);

    // Act
    const restoredOne = await stack.run(['hold', id, '--json']);
    const unknown = await stack.run(['hold', id, '0123456789abcdef0123456789abcdef']);

    // Assess
    expect(restoredOne.code).toBe(1);
    expect(json(restoredOne).results).toEqual([
      expect.objectContaining({ outcome: 'FAILED', reason: 'not in quarantine (restored): nothing to hold' }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('finding 0123456789abcdef0123456789abcdef not found in the ledger'),
    ]);
    expect((await stack.ledger.get(id))?.history).toHaveLength(before?.history.length ?? 0);
  });
});
