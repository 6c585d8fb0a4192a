import { userInfo } from 'node:os';
import { HeadObjectCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { buildRemediationDeps } from '../../../core/compose/build-remediation-deps';
import { loadSettings } from '../../../core/config';
import { type RemediationApi, startRemediationApi } from '../../../local/api/RemediationApiServer';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { clickHandlerOf } from '../../support/click-handler';
import { ALICE } from '../../support/live-stack';
import { type CliStack, startCliStack } from '../support/cli-stack';
import { FORWARD, type ProxiedRequest, startProxy } from '../support/http-proxy';
import { exited, spawnCli } from '../support/spawn-cli';

/** These tests start several CLI processes one after another (about 5 s each on a busy 2-core machine). */
const SEVERAL_PROCESSES_BUDGET_MS = 180_000;

/** Who the CLI runs record as actor: this user (cli/open-operation-env.ts). */
const CLI_ACTOR = `cli:${userInfo().username}`;

type Document = { results: { findingId: string; outcome: string; reason?: string }[] };

/** A CopyObject (or UploadPartCopy) into `bucket`: the step of a move or restore a test holds or counts. */
const isCopyInto = (bucket: string, req: ProxiedRequest): boolean =>
  req.method === 'PUT' && Boolean(req.headers['x-amz-copy-source']) && req.path.startsWith(`/${bucket}/`);

/**
 * The remediation API (the real handler, moves in this process after answering) over the stack's ledger, S3
 * and Slack stand-in, with alice as approver; the stand-in sends its clicks there.
 */
async function startClickApi(stack: CliStack): Promise<RemediationApi & { idle(): Promise<void> }> {
  const settings = loadSettings({
    env: { ...stack.env, SLACK_SIGNING_SECRET: SLACK_DEFAULTS.signingSecret, MACIE_REMEDIATE_SLACK_APPROVERS: ALICE },
  });
  const { deps, inProcess, notifier } = buildRemediationDeps({
    settings,
    s3: stack.s3,
    dynamo: stack.dynamo,
    background: true,
  });
  const api = await startRemediationApi({ handler: await clickHandlerOf({ settings, deps, notifier }) });
  stack.slack.setInteractivityUrl(`${api.url}/slack/actions`);
  return { ...api, idle: async () => inProcess?.idle() };
}

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

  it(
    'three runs of the same bulk remediate: each object moved once, no FAILED, one announcement and one start per finding',
    async () => {
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
    },
    SEVERAL_PROCESSES_BUDGET_MS,
  );

  it(
    'three runs of the same bulk remediate and approvers clicking Remediate on some of the same findings: each moved once, told once',
    async () => {
      // Prepare: 12 REVIEW findings posted for review, and the remediation API over the same ledger, S3 and Slack
      const findings = await stack.seed(12, 'SensitiveData:S3Object/Personal', {
        prefix: 'clicked',
        start: Date.parse('2026-08-01T00:00:00Z'),
      });
      const ids = findings.map((f) => f.id as string);
      const selection = ['--bucket', stack.sourceBucket, '--since', '2026-08-01', '--until', '2026-08-02'];
      expect((await stack.run(['backfill', ...selection])).code).toBe(0);
      const slackRefs = new Map<string, string>();
      for (const id of ids) {
        const record = await stack.ledger.get(id);
        expect(record?.state).toBe('AWAITING_REVIEW');
        slackRefs.set(id, record?.slack?.ts as string);
      }
      const api = await startClickApi(stack);
      // The runs' copies wait until the clicks are answered, so a click meets findings a run holds, and others.
      const heldIds: string[] = [];
      let twoHeld: () => void = () => {};
      const heldTwo = new Promise<void>((resolve) => {
        twoHeld = resolve;
      });
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const s3 = await startProxy(stack.env.AWS_ENDPOINT_URL as string, (req) => {
        if (!isCopyInto(stack.quarantineBucket, req)) return FORWARD;
        // The copy's key starts with the finding id (core/quarantine/quarantine-key.ts).
        heldIds.push(req.path.split('/')[2] as string);
        if (heldIds.length === 2) twoHeld();
        return { kind: 'hold', until: released };
      });
      const callsBefore = stack.slack.calls().length;

      // Act: while the runs hold two moves, click those and the last three findings, which no run reached
      const runs = [0, 1, 2].map(() =>
        exited(
          spawnCli(
            ['remediate', ...selection, '--yes', '--json', '--concurrency', '2'],
            { ...stack.env, AWS_ENDPOINT_URL_S3: s3.url },
            stack.cwd,
          ),
        ),
      );
      await heldTwo;
      const held = heldIds.slice(0, 2);
      const unreached = ids.slice(-3);
      const clicks = await Promise.all(
        [...held, ...unreached].map((id) =>
          stack.slack.clickButton({ ts: slackRefs.get(id) as string, actionId: 'remediate', userId: ALICE }),
        ),
      );
      release();
      const done = await Promise.all(runs);
      await api.idle();
      await s3.stop();
      await api.stop();

      // Assess
      expect(clicks.map((c) => c.status)).toEqual([200, 200, 200, 200, 200]);
      for (const run of done) {
        expect(run.code).toBe(0);
        const { results } = JSON.parse(run.stdout) as Document;
        expect(results).toHaveLength(12);
        for (const r of results) expect(['QUARANTINED', 'ALREADY_QUARANTINED', 'PLANNED']).toContain(r.outcome);
      }
      await expectEachQuarantinedOnce(ids);
      const outcomes = stack.slack
        .calls()
        .slice(callsBefore)
        .filter((c) => ['chat.postMessage', 'chat.update', 'response_url'].includes(c.method))
        .map((c) => String(c.args.text))
        .filter((text) => !text.startsWith('Remediation in progress'));
      const startedBy = new Map<string, string>();
      for (const id of ids) {
        const record = await stack.ledger.get(id);
        const told = outcomes.filter((text) => text.endsWith(`/${record?.source.key}`));
        expect(told).toEqual([`Quarantined: s3://${stack.sourceBucket}/${record?.source.key}`]);
        const starts = (record?.history ?? []).filter(
          (e) => e.action === 'remediation-started' || e.action === 'remediate-requested',
        );
        expect(starts).toHaveLength(1);
        startedBy.set(id, `${starts[0]?.action} by ${starts[0]?.actor}`);
      }
      for (const id of held) expect(startedBy.get(id)).toBe(`remediation-started by ${CLI_ACTOR}`);
      for (const id of unreached) expect(startedBy.get(id)).toBe(`remediate-requested by slack:${ALICE}`);
      expect(stack.slack.ephemerals({ user: ALICE }).map((e) => e.text)).toEqual([
        expect.stringMatching(
          new RegExp(`^Nothing done: finding is remediating \\(remediation-started by ${CLI_ACTOR} at `),
        ),
        expect.stringMatching(
          new RegExp(`^Nothing done: finding is remediating \\(remediation-started by ${CLI_ACTOR} at `),
        ),
      ]);
    },
    SEVERAL_PROCESSES_BUDGET_MS,
  );
});
