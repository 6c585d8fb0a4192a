import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURE_ACCOUNT } from '../../support/fixtures';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

describe('Commands: list, history, audit', () => {
  let stack: CliStack;
  let financial: string;
  let personal: string;
  let custom: string;

  beforeAll(async () => {
    stack = await startCliStack();
    // One AUTO (quarantined by the backfill), one REVIEW (announced), one IGNORE (left alone).
    const [f] = await stack.seed(1, 'SensitiveData:S3Object/Financial', {
      prefix: 'fin',
      start: Date.parse('2026-10-01T00:00:00Z'),
    });
    const [p] = await stack.seed(1, 'SensitiveData:S3Object/Personal', {
      prefix: 'per',
      start: Date.parse('2026-10-02T00:00:00Z'),
    });
    const [c] = await stack.seed(1, 'SensitiveData:S3Object/CustomIdentifier', {
      prefix: 'cus',
      start: Date.parse('2026-10-03T00:00:00Z'),
    });
    financial = f?.id as string;
    personal = p?.id as string;
    custom = c?.id as string;
    expect((await stack.run(['backfill'])).code).toBe(0);
  });

  afterAll(async () => {
    await stack.stop();
  });

  describe('list findings', () => {
    it('prints every finding, newest first, with the policy decision and the ledger state (--json contract)', async () => {
      const run = await stack.run(['list', 'findings', '--json']);
      expect(run.code).toBe(0);
      expect(json(run)).toEqual([
        {
          id: custom,
          type: 'SensitiveData:S3Object/CustomIdentifier',
          severity: 'Medium',
          bucket: stack.sourceBucket,
          key: 'cus/00000 record.csv',
          account: FIXTURE_ACCOUNT,
          createdAt: '2026-10-03T00:00:00.000Z',
          decision: 'IGNORE',
          status: null,
        },
        expect.objectContaining({ id: personal, decision: 'REVIEW', status: 'AWAITING_REVIEW' }),
        expect.objectContaining({ id: financial, decision: 'AUTO', status: 'QUARANTINED' }),
      ]);
    });

    it('filters by ledger state, type, severity, dates and count', async () => {
      const ids = async (...args: string[]) =>
        json(await stack.run(['list', 'findings', '--json', ...args])).map((f: { id: string }) => f.id);
      expect(await ids('--status', 'quarantined,awaiting_review')).toEqual([personal, financial]);
      expect(await ids('--status', 'new')).toEqual([custom]);
      expect(await ids('--type', 'financial')).toEqual([financial]);
      expect(await ids('--severity', 'high')).toEqual([financial]);
      expect(await ids('--since', '2026-10-02', '--until', '2026-10-03')).toEqual([personal]);
      expect(await ids('--limit', '1')).toEqual([custom]);
    });

    it("measures an age like --since 1d from the command's clock, which a test sets (CliIO.factory)", async () => {
      const factory = { now: () => new Date('2026-10-03T06:00:00Z') };
      const ids = async (since: string) =>
        json(await stack.run(['list', 'findings', '--json', '--since', since], { factory })).map(
          (f: { id: string }) => f.id,
        );
      expect(await ids('1d')).toEqual([custom]);
      expect(await ids('2d')).toEqual([custom, personal]);
    });

    it('draws a colored table on a terminal, without colors for --no-color or NO_COLOR, and aligned columns in a pipe', async () => {
      const tty = await stack.run(['list', 'findings'], { tty: true });
      const noColor = await stack.run(['list', 'findings', '--no-color'], { tty: true });
      const noColorEnv = await stack.run(['list', 'findings'], { tty: true, env: { NO_COLOR: '1' } });
      const pipe = await stack.run(['list', 'findings']);
      expect(tty.stdout).toContain('┌');
      expect(tty.stdout).toContain('\u001b[31mAUTO');
      for (const plain of [noColor, noColorEnv]) {
        expect(plain.stdout).toContain('│ decision │');
        expect(plain.stdout).not.toContain('\u001b[');
      }
      expect(pipe.stdout.split('\n')[0]).toMatch(
        /^finding\s+account\s+created\s+type\s+severity\s+object\s+decision\s+status$/,
      );
      expect(pipe.stdout).toContain('3 finding(s)');
    });

    it('works without a ledger (status unknown), but not with --status', async () => {
      const env = { MACIE_REMEDIATE_LEDGER_TABLE: '' };
      const without = await stack.run(['list', 'findings', '--json'], { env });
      const status = await stack.run(['list', 'findings', '--status', 'new'], { env });
      expect(json(without).map((f: { status: unknown }) => f.status)).toEqual([null, null, null]);
      expect(status.code).toBe(2);
      expect(status.stderr).toContain('--status needs the ledger');
    });
  });

  describe('list quarantined', () => {
    it('shows what is in quarantine: from where, when, by whom (--json contract)', async () => {
      const run = await stack.run(['list', 'quarantined', '--json']);
      expect(run.code).toBe(0);
      expect(json(run)).toEqual([
        {
          findingId: financial,
          action: 'QUARANTINE',
          source: { bucket: stack.sourceBucket, key: 'fin/00000 record.csv' },
          quarantine: {
            bucket: stack.quarantineBucket,
            key: `${financial}/${stack.sourceBucket}/fin/00000 record.csv`,
          },
          quarantinedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
          actor: 'auto',
        },
      ]);
      expect(json(await stack.run(['list', 'quarantined', '--json', '--bucket', 'elsewhere']))).toEqual([]);
    });
  });

  describe('history', () => {
    it("prints a finding's record and its events; --json is the record", async () => {
      const text = await stack.run(['history', financial]);
      const doc = await stack.run(['history', financial, '--json']);
      expect(text.code).toBe(0);
      expect(text.stdout).toMatch(/^finding\s+\S+\ntype\s+SensitiveData:S3Object\/Financial \(High\)/);
      expect(text.stdout).toMatch(/received\s+cli:\S+\s+Financial findings are set to AUTO/);
      expect(text.stdout).toMatch(/quarantined\s+auto\s+QUARANTINED/);
      expect(json(doc)).toEqual(await stack.ledger.get(financial));
    });

    it('refuses an id the ledger does not know: exit 2, one line', async () => {
      const run = await stack.run(['history', 'nope']);
      expect(run).toEqual({ code: 2, stdout: '', stderr: 'error: finding nope is not in the ledger\n' });
    });
  });

  describe('audit', () => {
    it('exports every event as CSV, one row per event, oldest first', async () => {
      const run = await stack.run(['audit']);
      const lines = run.stdout.trimEnd().split('\r\n');
      expect(lines[0]).toBe('time,findingId,type,severity,bucket,key,action,actor,outcome,detail,reason');
      const rows = lines.slice(1).map((l) => l.split(','));
      expect(rows.map((r) => r[0])).toEqual([...rows.map((r) => r[0])].sort());
      expect(rows.filter((r) => r[1] === financial).map((r) => r[6])).toEqual(['received', 'quarantined', 'announced']);
      expect(rows.filter((r) => r[1] === personal).map((r) => r[6])).toEqual(['received', 'announced']);
      expect(rows.some((r) => r[1] === custom)).toBe(false);
    });

    it('exports JSON to a file, bounded by --since and --until on the event time', async () => {
      // Prepare
      const all = json(await stack.run(['audit', '--format', 'json']));
      const quarantinedAt = all.find((r: { action: string }) => r.action === 'quarantined').time;

      // Act
      const run = await stack.run(['audit', '--json', '--since', quarantinedAt, '--output', 'audit.json']);
      const empty = await stack.run(['audit', '--json', '--until', '2020-01-01']);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/event\(s\) written to .*audit\.json/);
      const exported = JSON.parse(readFileSync(join(stack.cwd, 'audit.json'), 'utf8'));
      expect(exported[0]).toEqual({
        time: quarantinedAt,
        findingId: financial,
        type: 'SensitiveData:S3Object/Financial',
        severity: 'High',
        bucket: stack.sourceBucket,
        key: 'fin/00000 record.csv',
        action: 'quarantined',
        actor: 'auto',
        outcome: 'QUARANTINED',
        detail: '',
        reason: '',
      });
      expect(exported.every((r: { time: string }) => r.time >= quarantinedAt)).toBe(true);
      expect(json(empty)).toEqual([]);
    });

    it('refuses an unknown format naming the flag', async () => {
      const run = await stack.run(['audit', '--format', 'xml']);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain("option '--format <format>' argument 'xml' is invalid");
    });
  });
});
