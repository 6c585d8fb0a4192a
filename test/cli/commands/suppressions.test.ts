import { CreateFindingsFilterCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { MacieSuppressions } from '../../../core/macie/MacieSuppressions';
import { suppressionRule } from '../../../core/macie/suppression-rule';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

describe('Commands: list suppressions, unsuppress', () => {
  let stack: CliStack;
  let macie: Macie2Client;
  const dismissal = {
    findingId: 'f-1',
    key: 'payroll/march.csv',
    findingType: 'SensitiveData:S3Object/Financial',
    actor: 'slack:U0ALICE',
    reason: 'test data',
    at: '2026-11-02T10:00:00.000Z',
  };
  const object = () => suppressionRule({ ...dismissal, scope: 'object', bucket: stack.sourceBucket });
  const similar = () => suppressionRule({ ...dismissal, scope: 'similar', bucket: stack.sourceBucket });
  const names = async () =>
    json(await stack.run(['list', 'suppressions', '--json'])).map((s: { name: string }) => s.name);

  beforeAll(async () => {
    stack = await startCliStack();
    macie = new Macie2Client({ region: 'us-east-1', endpoint: stack.macie.url });
  });

  beforeEach(async () => {
    stack.macie.clear();
    const suppressions = new MacieSuppressions({ client: macie });
    await suppressions.suppress(object());
    await suppressions.suppress(similar());
    // Someone else's filter: never listed, never deleted.
    await macie.send(
      new CreateFindingsFilterCommand({
        action: 'ARCHIVE',
        name: 'team-archive-rule',
        findingCriteria: { criterion: { type: { eq: ['SensitiveData:S3Object/Personal'] } } },
      }),
    );
  });

  afterAll(async () => {
    macie.destroy();
    await stack.stop();
  });

  it('lists the filters this tool made: name, criteria, created, description (--json contract)', async () => {
    const run = await stack.run(['list', 'suppressions', '--json']);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual(
      [object(), similar()].map((rule) => ({
        name: rule.name,
        criteria: rule.criterion,
        createdAt: dismissal.at,
        description: rule.description,
      })),
    );
  });

  it('shows them as a table', async () => {
    const run = await stack.run(['list', 'suppressions']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(object().name);
    expect(run.stdout).toContain(`type=${dismissal.findingType}`);
    expect(run.stdout).toContain('Dismissed by slack:U0ALICE');
    expect(run.stdout).toContain('2 suppression(s)');
    expect(run.stdout).not.toContain('team-archive-rule');
  });

  it('deletes the named suppressions with --yes, and only those', async () => {
    const run = await stack.run(['unsuppress', object().name, '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(json(run)).toEqual([{ name: object().name, result: 'deleted' }]);
    expect(await names()).toEqual([similar().name]);
  });

  it.each([
    ['one it did not make', 'team-archive-rule', 'not a suppression of macie-remediate'],
    ['one that does not exist', 'macie-remediate-nothing-00000000', 'no such suppression'],
  ])('refuses %s with exit 2 and one line, deleting none of the names given', async (_what, name, reason) => {
    const run = await stack.run(['unsuppress', object().name, name, '--yes']);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(reason)]);
    expect(await names()).toEqual([object().name, similar().name]);
  });

  it('asks for --yes when there is no terminal to confirm on, deleting nothing', async () => {
    const run = await stack.run(['unsuppress', object().name], { interactive: false });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pass --yes');
    expect(await names()).toEqual([object().name, similar().name]);
  });
});
