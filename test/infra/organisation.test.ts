import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { ConfigError } from '../../core/errors';
import { type CreatedApp, createApp } from '../../infra/app';
import { KEY_DATA_ACTIONS } from '../../infra/QuarantineBucket';
import {
  allowedActions,
  allStatements,
  asArray,
  cdkJsonContext,
  documentStatements,
  logicalId,
  type Resources,
  roleStatements,
  type Statement,
} from './support/template';

/**
 * The stacks of an organisation: the admin stack admitting member roles, the member stack, its StackSet and
 * the forwarding stacks. Two synths, one per way of naming the members (explicit accounts without an
 * organization, with a break-glass role; every account of an organization), each with
 * every stack deploy can add.
 */
const REMEDIATOR = 'arn:aws:iam::111111111111:role/MacieRemediate-FunctionsRemediatorRole-ABC';
const OPERATOR = 'arn:aws:iam::111111111111:role/SecurityOperator';
const BREAK_GLASS = 'arn:aws:iam::111111111111:role/BreakGlass';
const MEMBER_OF = {
  remediatorRoleArn: REMEDIATOR,
  quarantineBucketName: 'macieremediate-quarantine-abc',
  quarantineKeyArn: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab',
};
const OU = 'ou-ab12-cdef3456';

interface Synth {
  readonly created: CreatedApp;
  readonly outdir: string;
}

function synth(context: Record<string, unknown>): Synth {
  const outdir = mkdtempSync(path.join(tmpdir(), 'macie-remediate-org-'));
  const created = createApp({
    context: { ...cdkJsonContext(), sourceBuckets: ['finance-data'], 'aws:cdk:bundling-stacks': [], ...context },
    outdir,
  });
  created.app.synth();
  return { created, outdir };
}

const explicit = () =>
  synth({
    memberAccounts: ['222222222222', '333333333333'],
    operatorPrincipals: [OPERATOR],
    breakGlassRoleArn: BREAK_GLASS,
    accountPolicies: { '333333333333': { sourceBuckets: ['payroll'] } },
    forwardRegions: ['eu-west-1', 'us-east-2'],
    homeRegion: 'us-east-1',
    memberOf: MEMBER_OF,
    memberTargets: [OU, 'r-ab12'],
  });
const orgWide = () =>
  synth({
    memberAccounts: ['*'],
    organizationId: 'o-abcdef1234',
    sourceBuckets: ['*'],
    memberRoleName: 'QuarantineHelper',
    memberOf: MEMBER_OF,
  });

let one: Synth;
let all: Synth;

beforeAll(() => {
  one = explicit();
  all = orgWide();
});

afterAll(() => {
  for (const s of [one, all]) if (s) rmSync(s.outdir, { recursive: true, force: true });
});

const adminTemplate = (s: Synth) => Template.fromStack(s.created.stack);
const quarantinePolicy = (s: Synth): Statement[] => {
  const bucket = logicalId(s.created.stack.quarantine.bucket);
  const policy = Object.values(adminTemplate(s).findResources('AWS::S3::BucketPolicy') as Resources).find(
    (p) => JSON.stringify(p.Properties?.Bucket) === JSON.stringify({ Ref: bucket }),
  );
  return documentStatements(policy);
};
const keyPolicy = (s: Synth): Statement[] => {
  const key = adminTemplate(s).toJSON().Resources[logicalId(s.created.stack.quarantine.key)];
  return key.Properties.KeyPolicy.Statement as Statement[];
};
const remediatorStatements = (s: Synth) =>
  roleStatements(adminTemplate(s), logicalId(s.created.stack.functions.remediator.role));
const findingHandlerStatements = (s: Synth) =>
  roleStatements(adminTemplate(s), logicalId(s.created.stack.functions.findingHandler.role));
const bySid = (statements: readonly Statement[], sid: string) => statements.find((s) => s.Sid === sid);
const partitionArn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, suffix]] });

/** TAG and an exemption, and their undoing, on a source object's version. */
const SOURCE_TAGGING = ['s3:DeleteObjectTagging', 's3:DeleteObjectVersionTagging', 's3:PutObjectVersionTagging'];

const MEMBER_QUARANTINE = [
  's3:AbortMultipartUpload',
  's3:GetObject',
  's3:GetObjectTagging',
  's3:GetObjectVersion',
  's3:GetObjectVersionTagging',
  's3:PutObject',
  's3:PutObjectTagging',
];

describe('the member stack', () => {
  const member = (s: Synth) => {
    const stack = s.created.member;
    if (!stack) throw new Error('no member stack');
    return { template: Template.fromStack(stack), role: logicalId(stack.role) };
  };

  it('defines the member role by name, trusted by the remediator role and the operators only', () => {
    const { template, role } = member(one);
    const resource = template.toJSON().Resources[role];
    expect(resource.Properties.RoleName).toBe('MacieRemediateMember');
    expect(resource.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: [REMEDIATOR, OPERATOR] },
      },
    ]);
    expect(member(all).template.toJSON().Resources[member(all).role].Properties.RoleName).toBe('QuarantineHelper');
  });

  it('has no wildcard principal anywhere', () => {
    for (const s of [one, all]) {
      const principals = allStatements(member(s).template).map((statement) => JSON.stringify(statement.Principal));
      expect(principals.filter((p) => p?.includes('"*"') || p?.includes(':root'))).toEqual([]);
    }
  });

  it('copies into the quarantine bucket and reads back from it, and uses its key by full ARN', () => {
    const { template, role } = member(one);
    const statements = roleStatements(template, role);
    expect(bySid(statements, 'QuarantineObjects')).toMatchObject({
      Action: MEMBER_QUARANTINE,
      Resource: partitionArn(':s3:::macieremediate-quarantine-abc/*'),
    });
    expect(bySid(statements, 'QuarantineKey')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: MEMBER_OF.quarantineKeyArn,
    });
    expect(bySid(statements, 'SourceObjectKeys')).toMatchObject({
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': ['s3.us-east-1.amazonaws.com', 's3.eu-west-1.amazonaws.com', 's3.us-east-2.amazonaws.com'],
          'kms:CallerAccount': { Ref: 'AWS::AccountId' },
        },
      },
    });
  });

  it("reaches the global source buckets, or the account's own list through a condition on its id, to move, seal and tag", () => {
    const { template } = member(one);
    const json = template.toJSON();
    const policies = template.findResources('AWS::IAM::Policy') as Record<
      string,
      { Condition?: string; Properties: Record<string, unknown> }
    >;
    const sourceObjects = (p: { Properties: Record<string, unknown> }) =>
      bySid(documentStatements(p), 'SourceObjects')?.Resource;
    const conditional = Object.values(policies).filter((p) => p.Condition);
    expect(conditional.map((p) => [json.Conditions[p.Condition as string], sourceObjects(p)])).toEqual(
      expect.arrayContaining([
        [{ 'Fn::Equals': [{ Ref: 'AWS::AccountId' }, '333333333333'] }, partitionArn(':s3:::payroll/*')],
        [{ 'Fn::Not': [{ Condition: 'InAccount333333333333' }] }, partitionArn(':s3:::finance-data/*')],
      ]),
    );
    const actions = allowedActions(Object.values(policies).flatMap((p) => documentStatements(p)));
    expect(actions).toEqual(
      [
        ...new Set([
          ...MEMBER_QUARANTINE,
          ...SOURCE_TAGGING,
          's3:DeleteObject',
          's3:DeleteObjectVersion',
          's3:ListBucket',
          's3:ListBucketVersions',
          'kms:Decrypt',
          'kms:GenerateDataKey',
        ]),
      ].sort(),
    );
  });

  it("seals its account's objects in place under the quarantine key, and tags them, in the in-scope buckets only", () => {
    const { template } = member(one);
    const statements = Object.values(template.findResources('AWS::IAM::Policy') as Resources).flatMap(
      documentStatements,
    );
    const sourceObjects = statements.filter((s) => s.Sid === 'SourceObjects');
    expect(sourceObjects).toHaveLength(2);
    for (const s of sourceObjects) {
      expect(s.Action).toEqual(
        expect.arrayContaining(['s3:GetObjectVersion', 's3:PutObject', 's3:PutObjectTagging', ...SOURCE_TAGGING]),
      );
    }
    expect(bySid(statements, 'QuarantineKey')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: MEMBER_OF.quarantineKeyArn,
    });
    // Tagging stays off the quarantine bucket: its copies carry their tags from the copy.
    expect(bySid(statements, 'QuarantineObjects')?.Action).toEqual(MEMBER_QUARANTINE);
  });

  it('with sourceBuckets ["*"], every bucket of the member account only', () => {
    const { template } = member(all);
    const statements = Object.values(template.findResources('AWS::IAM::Policy') as Resources).flatMap(
      documentStatements,
    );
    expect(bySid(statements, 'SourceObjects')?.Condition).toEqual({
      StringEquals: { 's3:ResourceAccount': { Ref: 'AWS::AccountId' } },
    });
  });

  it('needs no bootstrap and outputs its role ARN', () => {
    const json = member(one).template.toJSON();
    expect(json.Parameters?.BootstrapVersion).toBeUndefined();
    expect(json.Outputs.MemberRoleArn.Value).toEqual({ 'Fn::GetAtt': [member(one).role, 'Arn'] });
  });
});

describe('the member StackSet', () => {
  it('deploys the member template to the OUs, service-managed, as delegated admin, in the home Region', () => {
    const stackSet = one.created.memberStackSet;
    if (!stackSet) throw new Error('no StackSet stack');
    const resources = Template.fromStack(stackSet).findResources('AWS::CloudFormation::StackSet') as Resources;
    const [properties] = Object.values(resources).map((r) => r.Properties ?? {});
    expect(properties).toMatchObject({
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      StackInstancesGroup: [
        { DeploymentTargets: { OrganizationalUnitIds: [OU, 'r-ab12'] }, Regions: [{ Ref: 'AWS::Region' }] },
      ],
    });
    const body = JSON.parse(properties?.TemplateBody as string);
    const roles = Object.values(body.Resources as Resources).filter((r) => r.Type === 'AWS::IAM::Role');
    expect(roles.map((r) => r.Properties?.RoleName)).toEqual(['MacieRemediateMember']);
    expect(body.Parameters?.BootstrapVersion).toBeUndefined();
  });

  it('exists only when deploy names OUs', () => {
    expect(all.created.memberStackSet).toBeUndefined();
  });
});

describe('the admin stack with explicit member accounts (no organization)', () => {
  const memberArns = ['222222222222', '333333333333'].map((a) => partitionArn(`:iam::${a}:role/MacieRemediateMember`));

  it('lets the remediator assume exactly those member roles', () => {
    expect(bySid(remediatorStatements(one), 'AssumeMemberRoles')).toEqual({
      Sid: 'AssumeMemberRoles',
      Effect: 'Allow',
      Action: 'sts:AssumeRole',
      Resource: memberArns,
    });
  });

  it("lets the finding handler name exactly those accounts (DescribeAccount), in any organization's management account", () => {
    expect(bySid(findingHandlerStatements(one), 'DescribeMemberAccounts')).toEqual({
      Sid: 'DescribeMemberAccounts',
      Effect: 'Allow',
      Action: 'organizations:DescribeAccount',
      Resource: ['222222222222', '333333333333'].map((a) => partitionArn(`:organizations::*:account/o-*/${a}`)),
    });
  });

  it('keeps its own S3 access pinned to its bucket list', () => {
    const json = JSON.stringify(remediatorStatements(one).filter((s) => s.Sid?.startsWith('Source')));
    expect(json).not.toContain('222222222222');
  });

  it('admits the member roles to the quarantine bucket for exactly the copy-in and restore calls', () => {
    const statements = quarantinePolicy(one);
    expect(bySid(statements, 'AdmitMemberRoles')).toMatchObject({
      Effect: 'Allow',
      Action: MEMBER_QUARANTINE,
      Principal: { AWS: memberArns.map((_, i) => partitionArn(`:iam::${['222222222222', '333333333333'][i]}:root`)) },
      Condition: { ArnEquals: { 'aws:PrincipalArn': memberArns } },
    });
    const remediator = { 'Fn::GetAtt': [logicalId(one.created.stack.functions.remediator.role), 'Arn'] };
    expect(bySid(statements, 'DenyMemberActionsExceptRemediatorAndMembers')).toMatchObject({
      Effect: 'Deny',
      Action: MEMBER_QUARANTINE,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [remediator, BREAK_GLASS, ...memberArns] } },
    });
    expect(bySid(statements, 'DenyMemberActionsToOwnAccountRoles')).toMatchObject({
      Effect: 'Deny',
      Condition: {
        ArnNotEquals: { 'aws:PrincipalArn': [remediator, BREAK_GLASS] },
        StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } },
      },
    });
    const lock = bySid(statements, 'DenyObjectAccessExceptRemediator');
    expect(asArray(lock?.Action as string[])).toEqual(expect.arrayContaining(['s3:DeleteObject', 's3:ListBucket']));
    expect(asArray(lock?.Action as string[])).not.toContain('s3:PutObject');
  });

  it('lets the member roles use the quarantine key through S3 only', () => {
    expect(bySid(keyPolicy(one), 'MemberRolesUseKeyThroughS3')).toMatchObject({
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Condition: {
        ArnEquals: { 'aws:PrincipalArn': memberArns },
        StringEquals: { 'kms:ViaService': { 'Fn::Join': ['', ['s3.', { Ref: 'AWS::Region' }, '.amazonaws.com']] } },
      },
    });
  });

  it('denies use of the key to all but the remediator, the break-glass role and the member roles, and to roles of its own account but the first two', () => {
    const remediator = { 'Fn::GetAtt': [logicalId(one.created.stack.functions.remediator.role), 'Arn'] };
    const deny = { Effect: 'Deny', Principal: { AWS: '*' }, Action: KEY_DATA_ACTIONS, Resource: '*' };
    expect(bySid(keyPolicy(one), 'DenyKeyUseExceptRemediator')).toEqual({
      Sid: 'DenyKeyUseExceptRemediator',
      ...deny,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [remediator, BREAK_GLASS, ...memberArns] } },
    });
    expect(bySid(keyPolicy(one), 'DenyKeyUseToOwnAccountRoles')).toEqual({
      Sid: 'DenyKeyUseToOwnAccountRoles',
      ...deny,
      Condition: {
        ArnNotEquals: { 'aws:PrincipalArn': [remediator, BREAK_GLASS] },
        StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } },
      },
    });
  });

  it('tells the Lambdas the account, the members and their policies, and outputs what member stacks need', () => {
    const json = adminTemplate(one).toJSON();
    const fn = json.Resources[logicalId(one.created.stack.functions.findingHandler.fn)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      MACIE_REMEDIATE_ACCOUNT_ID: { Ref: 'AWS::AccountId' },
      MACIE_REMEDIATE_MEMBER_ACCOUNTS: '222222222222,333333333333',
      MACIE_REMEDIATE_MEMBER_ROLE_NAME: 'MacieRemediateMember',
      MACIE_REMEDIATE_ACCOUNT_POLICIES: JSON.stringify({ '333333333333': { sourceBuckets: ['payroll'] } }),
    });
    expect(Object.keys(json.Outputs)).toEqual(expect.arrayContaining(['RemediatorRoleArn', 'QuarantineKeyArn']));
  });
});

describe('the admin stack with every account of an organization', () => {
  const pattern = partitionArn(':iam::*:role/QuarantineHelper');

  it('may assume the member role of any account, of its organization only', () => {
    expect(bySid(remediatorStatements(all), 'AssumeMemberRoles')).toMatchObject({
      Resource: pattern,
      Condition: { StringEquals: { 'aws:ResourceOrgID': 'o-abcdef1234' } },
    });
  });

  it('lets the finding handler name the accounts of its organization only (DescribeAccount)', () => {
    expect(bySid(findingHandlerStatements(all), 'DescribeMemberAccounts')).toMatchObject({
      Action: 'organizations:DescribeAccount',
      Resource: partitionArn(':organizations::*:account/o-abcdef1234/*'),
    });
  });

  it('admits roles of that name in the organization to the bucket and the key', () => {
    const conditions = {
      StringEquals: expect.objectContaining({ 'aws:PrincipalOrgID': 'o-abcdef1234' }),
      ArnLike: { 'aws:PrincipalArn': [pattern] },
    };
    expect(bySid(quarantinePolicy(all), 'AdmitMemberRoles')).toMatchObject({
      Principal: { AWS: '*' },
      Action: MEMBER_QUARANTINE,
      Condition: conditions,
    });
    expect(bySid(quarantinePolicy(all), 'DenyMemberActionsExceptRemediatorAndMembers')?.Condition).toMatchObject({
      ArnNotLike: { 'aws:PrincipalArn': [pattern] },
    });
    expect(bySid(keyPolicy(all), 'MemberRolesUseKeyThroughS3')).toMatchObject({ Condition: conditions });
  });

  it('denies use of the key to all but the remediator and roles of that name, and to roles of its own account but the remediator', () => {
    const remediator = { 'Fn::GetAtt': [logicalId(all.created.stack.functions.remediator.role), 'Arn'] };
    expect(bySid(keyPolicy(all), 'DenyKeyUseExceptRemediator')).toMatchObject({
      Effect: 'Deny',
      Action: KEY_DATA_ACTIONS,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': [remediator] }, ArnNotLike: { 'aws:PrincipalArn': [pattern] } },
    });
    expect(bySid(keyPolicy(all), 'DenyKeyUseToOwnAccountRoles')).toMatchObject({
      Effect: 'Deny',
      Action: KEY_DATA_ACTIONS,
      Condition: {
        ArnNotEquals: { 'aws:PrincipalArn': [remediator] },
        StringEquals: { 'aws:PrincipalAccount': { Ref: 'AWS::AccountId' } },
      },
    });
  });

  it('is refused without organizationId, naming the setting', () => {
    expect(() => createApp({ context: { sourceBuckets: ['*'], memberAccounts: ['*'] }, nag: false })).toThrow(
      expect.objectContaining({
        constructor: ConfigError,
        problems: [expect.stringContaining('"memberAccounts": ["*"] needs "organizationId"')],
      }),
    );
  });
});

describe('without member accounts', () => {
  it('grants nothing beyond the stack account', () => {
    const { created, outdir } = synth({});
    const template = Template.fromStack(created.stack);
    const statements = allStatements(template);
    const remediator = roleStatements(template, logicalId(created.stack.functions.remediator.role));
    const findingHandler = roleStatements(template, logicalId(created.stack.functions.findingHandler.role));
    rmSync(outdir, { recursive: true, force: true });
    expect(statements.map((s) => s.Sid)).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/Member|AssumeMemberRoles/)]),
    );
    expect(allowedActions(remediator)).not.toContain('sts:AssumeRole');
    expect(allowedActions(findingHandler)).not.toContain('organizations:DescribeAccount');
    expect(created.member).toBeUndefined();
    expect(created.forwarding).toEqual([]);
  });
});

describe('the forwarding stacks', () => {
  it('forward Macie findings from each listed Region to the home default bus, with a role for that bus only', () => {
    const regions = one.created.forwarding.map((stack) => stack.region);
    expect(regions).toEqual(['eu-west-1', 'us-east-2']);
    const [first] = one.created.forwarding;
    if (!first) throw new Error('no forwarding stack');
    const template = Template.fromStack(first);
    const busArn = {
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':events:us-east-1:', { Ref: 'AWS::AccountId' }, ':event-bus/default'],
      ],
    };
    const [rule] = Object.values(template.findResources('AWS::Events::Rule') as Resources);
    expect(rule?.Properties).toMatchObject({
      EventPattern: {
        source: ['aws.macie'],
        'detail-type': ['Macie Finding'],
        detail: { type: [{ prefix: 'SensitiveData' }] },
      },
      Targets: [expect.objectContaining({ Arn: busArn })],
    });
    const [role] = Object.values(template.findResources('AWS::IAM::Role') as Resources);
    expect(role?.Properties?.AssumeRolePolicyDocument).toMatchObject({
      Statement: [{ Action: 'sts:AssumeRole', Principal: { Service: 'events.amazonaws.com' } }],
    });
    const statements = Object.values(template.findResources('AWS::IAM::Policy') as Resources).flatMap(
      documentStatements,
    );
    expect(statements).toEqual([{ Effect: 'Allow', Action: 'events:PutEvents', Resource: busArn }]);
  });
});

describe('cdk-nag AwsSolutions on every stack', () => {
  interface Report {
    pluginReports: {
      pluginName: string;
      conclusion: string;
      violations: unknown[];
      suppressedViolations?: { ruleName: string; reason: string }[];
    }[];
  }
  const report = (s: Synth): Report['pluginReports'][number] | undefined =>
    (JSON.parse(readFileSync(path.join(s.outdir, 'validation-report.json'), 'utf8')) as Report).pluginReports.find(
      (r) => r.pluginName === 'AwsSolutions',
    );

  it.each([
    ['explicit accounts, StackSet and forwarding', () => one],
    ['every account of the organization', () => all],
  ])('%s: no unacknowledged finding, each acknowledgment with a reason', (_, get) => {
    const nag = report(get());
    expect(nag?.violations).toEqual([]);
    for (const s of nag?.suppressedViolations ?? []) expect(s.reason.trim().length).toBeGreaterThan(40);
  });
});
