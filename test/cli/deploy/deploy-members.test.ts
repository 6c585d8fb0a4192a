import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { defaultCdkApp } from '../../../cli/init/default-cdk-app';
import { motoUrl, testCredentials, uniqueName } from '../../support/aws';
import { runCli } from '../support/captured-io';
import { tempProject, useEnvironment, useMotoEnvironment } from '../support/setup-env';

/**
 * deploy's organisation targets with the real CDK app (bin/cdk-app.ts): bad flags are refused before anything
 * is synthesized; `--members` builds the member stack from the admin stack's saved outputs and deploys it
 * into the account of the credentials (moto), or as a StackSet over OUs (shown with --dry-run, offline).
 */
const aws = { region: 'us-east-1', endpoint: motoUrl(), credentials: testCredentials };
const cloudFormation = new CloudFormationClient(aws);
const iam = new IAMClient(aws);

function writeProject(dir: string, stackName: string, withAdminOutputs = true): void {
  const context = { stackName, sourceBuckets: ['finance-data'] };
  writeFileSync(join(dir, 'cdk.json'), JSON.stringify({ app: defaultCdkApp(dir), context }, null, 2));
  if (!withAdminOutputs) return;
  const outputs = {
    [stackName]: {
      RemediatorRoleArn: 'arn:aws:iam::111111111111:role/Admin-RemediatorRole-ABC',
      QuarantineBucketName: 'admin-quarantine-abc',
      QuarantineKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    },
  };
  writeFileSync(join(dir, 'cdk.outputs.json'), JSON.stringify(outputs, null, 2));
}

describe('Command: deploy --members / --regions, refused before anything is synthesized', () => {
  const project = tempProject('deploy-flags');
  const stack = `Flags${uniqueName('x').slice(2)}`;

  beforeAll(() => writeProject(project.dir, stack, false));
  afterAll(() => project.remove());

  it.each([
    [['--members', 'ou-nope'], '--members: ou-nope is not an organizational unit or root id (ou-…, r-…)'],
    [
      ['--members', 'ou-ab12-cdef3456,123456789012'],
      '--members: 123456789012 is not an organizational unit or root id',
    ],
    [['--regions', 'eu-west-1,mars'], '--regions: mars is not a Region name (e.g. eu-west-1,us-east-2)'],
    [['--regions', ''], '--regions: (none) is not a Region name'],
    [['--members', '--regions', 'eu-west-1'], '--members and --regions deploy different stacks'],
    [
      ['--regions', 'eu-west-1,us-east-1'],
      '--regions: us-east-1 is the home Region, whose findings need no forwarding',
    ],
    [['--members'], `deploy --members needs RemediatorRoleArn, QuarantineBucketName, QuarantineKeyArn of ${stack}`],
  ])('deploy %j: exit 2, one line, nothing synthesized', async (args, message) => {
    // Act
    const run = await runCli(['deploy', '--yes', ...args], { env: useMotoEnvironment(), cwd: project.dir });

    // Assess
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toContain(`error: ${message}`);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(project.dir, 'cdk.out'))).toBe(false);
  });
});

describe('Command: deploy --members (the real app; the admin stack is neither bundled nor deployed)', () => {
  const project = tempProject('deploy-members');
  const stack = `Org${uniqueName('x').slice(2)}`;

  beforeAll(() => writeProject(project.dir, stack));
  afterAll(() => project.remove());

  it('without ids: deploys the member role into the account of the credentials', async () => {
    // Act
    const run = await runCli(['deploy', '--members', '--yes', '--method', 'direct', '--json'], {
      env: useMotoEnvironment(),
      cwd: project.dir,
    });

    // Assess
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ kind: 'deployed', stack: `${stack}Member`, stacks: [`${stack}Member`] });
    const described = await cloudFormation.send(new DescribeStacksCommand({ StackName: `${stack}Member` }));
    expect(described.Stacks?.[0]?.StackStatus).toBe('CREATE_COMPLETE');
    const role = await iam.send(new GetRoleCommand({ RoleName: 'MacieRemediateMember' }));
    const trust = JSON.parse(decodeURIComponent(role.Role?.AssumeRolePolicyDocument ?? '{}'));
    expect(trust.Statement).toEqual([
      expect.objectContaining({
        Action: 'sts:AssumeRole',
        Principal: { AWS: 'arn:aws:iam::111111111111:role/Admin-RemediatorRole-ABC' },
      }),
    ]);
  }, 120_000);

  it('with OU ids (--dry-run, offline): the member template as a StackSet, and nothing else', async () => {
    // Act
    const run = await runCli(['deploy', '--members', 'ou-ab12-cdef3456,r-ab12', '--dry-run', '--json'], {
      env: useEnvironment({}),
      cwd: project.dir,
    });

    // Assess
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ kind: 'dry-run', stack: `${stack}MemberStackSet` });
    expect(report.diff).toContain('[+] AWS::CloudFormation::StackSet');
    expect(report.diff).not.toContain('AWS::Lambda::Function');
    expect(run.stderr).toContain("StackSets never reach the organization's management account");
    expect(run.stderr).toContain('deploy --members --profile <management account profile>');
  }, 120_000);
});
