import { randomBytes } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { FIXTURE_ACCOUNT } from '../../support/fixtures';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const MEMBER = '222233334444';
const json = (run: CliRun) => JSON.parse(run.stdout);
const ids = (run: CliRun): string[] => json(run).map((f: { id: string }) => f.id);
const outcomes = (run: CliRun) =>
  Object.fromEntries(
    json(run).results.map((r: { findingId: string; outcome: string; reason?: string }) => [
      r.findingId,
      [r.outcome, r.reason],
    ]),
  );

/** `--account` on the commands that select findings, and the account in their tables (one own, one member account). */
describe('Commands: --account and the account column', () => {
  let stack: CliStack;
  let own: string;
  let member: string;

  beforeAll(async () => {
    stack = await startCliStack();
    const object = await stack.putObject('own/payroll.csv');
    own = stack.addFinding(object, 'SensitiveData:S3Object/Personal', { createdAt: '2026-10-01T00:00:00Z' })
      .id as string;
    member = stack.addFinding({ key: 'member/payroll.csv' }, 'SensitiveData:S3Object/Personal', {
      createdAt: '2026-10-02T00:00:00Z',
      accountId: MEMBER,
    }).id as string;
  });

  afterAll(async () => {
    await stack.stop();
  });

  it('list findings: --account filters (repeatable), --json items carry the account, the table shows it', async () => {
    // Act
    const all = await stack.run(['list', 'findings', '--json']);
    const onlyMember = await stack.run(['list', 'findings', '--json', '--account', MEMBER]);
    const both = await stack.run(['list', 'findings', '--json', '--account', MEMBER, '--account', FIXTURE_ACCOUNT]);
    const table = await stack.run(['list', 'findings']);

    // Assess
    expect(json(all).map((f: { id: string; account: string }) => [f.id, f.account])).toEqual([
      [member, MEMBER],
      [own, FIXTURE_ACCOUNT],
    ]);
    expect(ids(onlyMember)).toEqual([member]);
    expect(ids(both)).toEqual([member, own]);
    expect(table.stdout.split('\n')[0]).toMatch(/^finding\s+account\s+created/);
    expect(table.stdout).toMatch(new RegExp(`${member}\\s+${MEMBER}\\s`));
  });

  it.each([
    ['list', 'findings'],
    ['remediate', '--dry-run'],
    ['restore', '--dry-run'],
    ['backfill', '--dry-run'],
    ['list', 'quarantined'],
  ])(
    '%s %s: an --account that is not 12 digits is a usage error (exit 2) naming the flag and the value',
    async (...command) => {
      // Act
      const run = await stack.run([...command, '--account', '12345']);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringContaining('--account: "12345" is not an AWS account id (12 digits)'),
      ]);
      expect(run.stdout).toBe('');
    },
  );

  it('remediate: named ids of an account --account leaves out are skipped as IGNORED, the others move; the table shows each account', async () => {
    // Act
    const run = await stack.run(['remediate', own, member, '--account', FIXTURE_ACCOUNT, '--dry-run', '--json']);
    const table = await stack.run(['remediate', own, member, '--account', FIXTURE_ACCOUNT, '--dry-run']);

    // Assess
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual({
      [own]: ['PLANNED', expect.stringMatching(/^would be quarantined/)],
      [member]: ['IGNORED', `account ${MEMBER} is not among --account ${FIXTURE_ACCOUNT}`],
    });
    expect(table.stdout.split('\n')[0]).toMatch(/^finding\s+account\s+outcome/);
    expect(table.stdout).toMatch(new RegExp(`${own}\\s+${FIXTURE_ACCOUNT}\\s+PLANNED`));
    expect(table.stdout).toMatch(new RegExp(`${member}\\s+${MEMBER}\\s+IGNORED`));
  });

  it('remediate with filters: --account selects in Macie (with other filters, ANDed)', async () => {
    // Act
    const run = await stack.run([
      'remediate',
      '--account',
      FIXTURE_ACCOUNT,
      '--type',
      'personal',
      '--include-ignored',
      '--dry-run',
      '--json',
    ]);

    // Assess
    expect(Object.keys(outcomes(run))).toEqual([own]);
  });

  it('backfill: --account selects in Macie', async () => {
    // Act
    const run = await stack.run(['backfill', '--account', MEMBER, '--dry-run', '--json']);

    // Assess: the member's finding only (out of scope for this stack: IGNORED)
    expect(run.code).toBe(0);
    expect(outcomes(run)).toEqual({ [member]: ['IGNORED', expect.stringContaining(MEMBER)] });
  });

  it('list quarantined and restore: --account filters on the record, the table names the account as the ledger kept it', async () => {
    // Prepare: the own finding quarantined for real; a member's record in quarantine, with its account name
    expect((await stack.run(['remediate', own, '--yes'])).code).toBe(0);
    const memberRecord = randomBytes(16).toString('hex');
    const now = new Date().toISOString();
    await stack.ledger.begin({
      findingId: memberRecord,
      state: 'REMEDIATING',
      objectIdentity: `${MEMBER}/us-east-1/member-bucket/member/payroll.csv#abc`,
      findingType: 'SensitiveData:S3Object/Financial',
      severity: 'High',
      source: { bucket: 'member-bucket', key: 'member/payroll.csv', eTag: 'abc' },
      decision: 'AUTO',
      accountName: 'Payroll Prod',
      createdAt: now,
      history: [{ at: now, actor: 'auto', action: 'received' }],
    });
    await stack.ledger.transition(memberRecord, {
      from: ['REMEDIATING'],
      to: 'QUARANTINED',
      event: { at: now, actor: 'auto', action: 'quarantined', outcome: 'QUARANTINED' },
      patch: {
        quarantine: { bucket: stack.quarantineBucket, key: `${memberRecord}/member-bucket/member/payroll.csv` },
      },
    });

    // Act
    const listed = await stack.run(['list', 'quarantined']);
    const listedOwn = await stack.run(['list', 'quarantined', '--json', '--account', FIXTURE_ACCOUNT]);
    const restoreOwn = await stack.run(['restore', '--account', FIXTURE_ACCOUNT, '--dry-run', '--json']);
    const fenced = await stack.run(['restore', memberRecord, '--account', FIXTURE_ACCOUNT, '--dry-run', '--json']);

    // Assess
    expect(listed.stdout.split('\n')[0]).toMatch(/^finding\s+account\s+from/);
    expect(listed.stdout).toMatch(new RegExp(`${memberRecord}\\s+Payroll Prod \\(${MEMBER}\\)\\s`));
    expect(listed.stdout).toMatch(new RegExp(`${own}\\s+${FIXTURE_ACCOUNT}\\s`));
    expect(json(listedOwn).map((r: { findingId: string }) => r.findingId)).toEqual([own]);
    expect(outcomes(restoreOwn)).toEqual({ [own]: ['PLANNED', 'would be restored'] });
    expect(outcomes(fenced)).toEqual({
      [memberRecord]: ['IGNORED', `account ${MEMBER} is not among --account ${FIXTURE_ACCOUNT}`],
    });
    await expect(
      stack.s3.send(new HeadObjectCommand({ Bucket: stack.sourceBucket, Key: 'own/payroll.csv' })),
    ).rejects.toThrow();
  });
});
