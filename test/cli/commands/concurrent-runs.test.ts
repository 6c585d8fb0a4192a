import { HeadObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { type CliStack, startCliStack } from '../support/cli-stack';
import { FORWARD, startProxy } from '../support/http-proxy';
import { exited, spawnCli } from '../support/spawn-cli';

type Document = { results: { findingId: string; outcome: string; reason?: string }[] };

describe('Several CLI processes on the same findings (dynalite ledger)', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack({ ledger: 'dynalite' });
  });

  afterAll(async () => {
    await stack.stop();
  });

  /** Every object of `prefix`: gone from the source, exactly one copy in quarantine, and QUARANTINED in the ledger. */
  async function expectEachQuarantinedOnce(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const record = await stack.ledger.get(id);
      expect(record?.state).toBe('QUARANTINED');
      expect(record?.lease).toBeUndefined();
      await expect(
        stack.s3.send(new HeadObjectCommand({ Bucket: stack.sourceBucket, Key: record?.source.key })),
      ).rejects.toThrow();
      const versions = await stack.s3.send(
        new ListObjectVersionsCommand({ Bucket: stack.quarantineBucket, Prefix: `${id}/` }),
      );
      expect(versions.Versions).toHaveLength(1);
    }
  }

  it('three runs of the same bulk remediate: each object moved once, no FAILED, one announcement and one start per finding', async () => {
    // Prepare
    const findings = await stack.seed(24, 'SensitiveData:S3Object/Financial', {
      prefix: 'three',
      start: Date.parse('2026-06-01T00:00:00Z'),
    });
    const ids = findings.map((f) => f.id as string);
    const selection = ['--bucket', stack.sourceBucket, '--since', '2026-06-01', '--until', '2026-06-02'];
    const posted = stack.slack.messages().length;

    // Act
    const runs = await Promise.all(
      [0, 1, 2].map(() =>
        exited(spawnCli(['remediate', ...selection, '--yes', '--json', '--concurrency', '4'], stack.env, stack.cwd)),
      ),
    );

    // Assess
    for (const run of runs) {
      expect(run.code).toBe(0);
      const { results } = JSON.parse(run.stdout) as Document;
      expect(results).toHaveLength(24);
      for (const r of results) expect(['QUARANTINED', 'ALREADY_QUARANTINED', 'PLANNED']).toContain(r.outcome);
    }
    const moved = runs
      .flatMap((run) => (JSON.parse(run.stdout) as Document).results)
      .filter((r) => r.outcome === 'QUARANTINED');
    expect(moved).toHaveLength(24);
    await expectEachQuarantinedOnce(ids);
    expect(stack.slack.messages().length - posted).toBe(24);
    for (const id of ids) {
      const history = (await stack.ledger.get(id))?.history ?? [];
      expect(history.filter((e) => e.action === 'remediation-started')).toHaveLength(1);
    }
  });

  it('a SIGKILLed bulk remediate and a SIGKILLed bulk restore are finished by running the same command again', async () => {
    // Prepare: 12 findings; S3 lets 4 copies through, then holds the rest until the process is killed
    const findings = await stack.seed(12, 'SensitiveData:S3Object/Financial', {
      prefix: 'killed',
      start: Date.parse('2026-07-01T00:00:00Z'),
    });
    const ids = findings.map((f) => f.id as string);
    const selection = ['--bucket', stack.sourceBucket, '--since', '2026-07-01', '--until', '2026-07-02'];
    const killedDuring = async (
      args: readonly string[],
      isMove: (req: { method?: string; path: string; headers: Record<string, unknown> }) => boolean,
    ) => {
      let seen = 0;
      let heldTwo: () => void = () => {};
      const twoHeld = new Promise<void>((resolve) => {
        heldTwo = resolve;
      });
      const never = new Promise<void>(() => {});
      const s3 = await startProxy(stack.env.AWS_ENDPOINT_URL as string, (req) => {
        if (!isMove(req)) return FORWARD;
        seen++;
        if (seen <= 4) return FORWARD;
        if (seen === 6) heldTwo();
        return { kind: 'hold', until: never };
      });
      const child = spawnCli(
        [...args, '--yes', '--json', '--concurrency', '2'],
        { ...stack.env, AWS_ENDPOINT_URL_S3: s3.url },
        stack.cwd,
      );
      const done = exited(child);
      await twoHeld;
      child.kill('SIGKILL');
      await done;
      await s3.stop();
    };

    // Act: kill a remediate with two moves in flight (copies held), then rerun
    await killedDuring(
      ['remediate', ...selection],
      (req) =>
        req.method === 'PUT' &&
        Boolean(req.headers['x-amz-copy-source']) &&
        req.path.startsWith(`/${stack.quarantineBucket}/`),
    );
    const stuck = await Promise.all(ids.map((id) => stack.ledger.get(id)));
    const rerun = await exited(spawnCli(['remediate', ...selection, '--yes', '--json'], stack.env, stack.cwd));

    // Assess
    expect(stuck.filter((r) => r?.state === 'REMEDIATING').length).toBeGreaterThan(0);
    expect(rerun.code).toBe(0);
    await expectEachQuarantinedOnce(ids);

    // Act: kill a restore with two copies back in flight, then rerun
    await killedDuring(
      ['restore', '--bucket', stack.sourceBucket],
      (req) =>
        req.method === 'PUT' &&
        Boolean(req.headers['x-amz-copy-source']) &&
        req.path.startsWith(`/${stack.sourceBucket}/`),
    );
    const stuckRestores = await Promise.all(ids.map((id) => stack.ledger.get(id)));
    const restored = await exited(
      spawnCli(['restore', '--bucket', stack.sourceBucket, '--yes', '--json'], stack.env, stack.cwd),
    );

    // Assess
    expect(stuckRestores.filter((r) => r?.state === 'RESTORING').length).toBeGreaterThan(0);
    expect(restored.code).toBe(0);
    for (const id of ids) {
      const record = await stack.ledger.get(id);
      expect(record?.state).toBe('RESTORED');
      await stack.s3.send(new HeadObjectCommand({ Bucket: stack.sourceBucket, Key: record?.source.key }));
      const versions = await stack.s3.send(
        new ListObjectVersionsCommand({ Bucket: stack.quarantineBucket, Prefix: `${id}/` }),
      );
      expect(versions.Versions ?? []).toHaveLength(0);
    }
  });
});
