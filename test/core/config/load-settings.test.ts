import { type LoadSettingsInput, loadSettings } from '../../../core/config/load-settings';
import { DEFAULT_AUTO_REMEDIATE_CONFIG } from '../../../core/config/resolve-auto-remediate-config';
import type { SettingsFlags } from '../../../core/config/settings-flags';
import { ConfigError } from '../../../core/errors';
import type { SettingSource, Settings, SlackCredentials } from '../../../core/types/settings';

/** The ConfigError `loadSettings(input)` throws. */
function problemsOf(input: LoadSettingsInput): readonly string[] {
  try {
    loadSettings(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('expected a ConfigError');
}

const REVIEW_ALL = Object.fromEntries(Object.keys(DEFAULT_AUTO_REMEDIATE_CONFIG).map((t) => [t, 'REVIEW']));

type Given = readonly [key: string, value: unknown, expected: unknown];

/** One row of the README's settings table: the value each source gives, and what it resolves to. */
interface Row {
  readonly name: string;
  readonly read: (s: Settings) => unknown;
  readonly flag?: Given;
  readonly env?: Given;
  readonly secret?: Given;
  readonly cdk?: Given;
  readonly stack?: Given;
  readonly default?: unknown;
  /** The value when no source sets it and there is no default. */
  readonly unset?: unknown;
}

const ROWS: Row[] = [
  {
    name: 'autoRemediateConfig',
    read: (s) => s.autoRemediateConfig,
    flag: ['auto', ['Personal=AUTO'], { ...REVIEW_ALL, 'SensitiveData:S3Object/Personal': 'AUTO' }],
    env: [
      'MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG',
      '{"SensitiveData:S3Object/Credentials":"IGNORE"}',
      { ...REVIEW_ALL, 'SensitiveData:S3Object/Credentials': 'IGNORE' },
    ],
    cdk: ['autoRemediateConfig', { Multiple: 'auto' }, { ...REVIEW_ALL, 'SensitiveData:S3Object/Multiple': 'AUTO' }],
    default: DEFAULT_AUTO_REMEDIATE_CONFIG,
  },
  {
    name: 'remediationActions',
    read: (s) => s.remediationActions,
    env: [
      'MACIE_REMEDIATE_REMEDIATION_ACTIONS',
      '{"Financial":"seal"}',
      { 'SensitiveData:S3Object/Financial': 'SEAL' },
    ],
    cdk: [
      'remediationActions',
      { Personal: { medium: 'tag', HIGH: 'QUARANTINE' } },
      { 'SensitiveData:S3Object/Personal': { MEDIUM: 'TAG', HIGH: 'QUARANTINE' } },
    ],
    default: {},
  },
  {
    name: 'exemptTag',
    read: (s) => s.exemptTag,
    env: ['MACIE_REMEDIATE_EXEMPT_TAG', 'dlp:allowed', 'dlp:allowed'],
    cdk: ['exemptTag', 'known-data', 'known-data'],
    default: 'macie-remediate:exempt',
  },
  {
    name: 'exemptPrefixes',
    read: (s) => s.exemptPrefixes,
    env: ['MACIE_REMEDIATE_EXEMPT_PREFIXES', '{"acme-data":["public/"]}', { 'acme-data': ['public/'] }],
    cdk: ['exemptPrefixes', { 'acme-logs': ['fixtures/', 'samples/'] }, { 'acme-logs': ['fixtures/', 'samples/'] }],
    unset: {},
  },
  {
    name: 'minSeverity',
    read: (s) => s.minSeverity,
    flag: ['minSeverity', 'high', 'HIGH'],
    env: ['MACIE_REMEDIATE_MIN_SEVERITY', 'MEDIUM', 'MEDIUM'],
    cdk: ['minSeverityLevel', 'Low', 'LOW'],
    default: 'LOW',
  },
  {
    name: 'slackChannel',
    read: (s) => s.slackChannel,
    flag: ['slackChannel', 'C0123ABCD', 'C0123ABCD'],
    env: ['MACIE_REMEDIATE_SLACK_CHANNEL', '#alerts', 'alerts'],
    cdk: ['slackChannel', 'security-team', 'security-team'],
  },
  {
    name: 'slackTeamId',
    read: (s) => s.slackTeamId,
    flag: ['slackTeamId', 'T0FLAG001', 'T0FLAG001'],
    env: ['MACIE_REMEDIATE_SLACK_TEAM_ID', 'T0ENV0001', 'T0ENV0001'],
    cdk: ['slackTeamId', 'T0CDK0001', 'T0CDK0001'],
  },
  {
    name: 'slackApprovers',
    read: (s) => [s.slackApprovers, s.slackApproverGroups],
    flag: ['approver', ['U0FLAG001', 'S0FLAG001'], [['U0FLAG001'], ['S0FLAG001']]],
    env: ['MACIE_REMEDIATE_SLACK_APPROVERS', 'U0ENV0001, W0ENV0001', [['U0ENV0001', 'W0ENV0001'], []]],
    cdk: ['slackApprovers', ['S0CDK0001'], [[], ['S0CDK0001']]],
    unset: [[], []],
  },
  {
    name: 'sourceBuckets',
    read: (s) => s.sourceBuckets,
    flag: ['sourceBucket', ['flag-bucket'], ['flag-bucket']],
    env: ['MACIE_REMEDIATE_SOURCE_BUCKETS', 'env-bucket-1,env-bucket-2', ['env-bucket-1', 'env-bucket-2']],
    cdk: ['sourceBuckets', ['cdk-bucket'], ['cdk-bucket']],
    unset: [],
  },
  {
    name: 'stackName',
    read: (s) => s.stackName,
    flag: ['stack', 'FlagStack', 'FlagStack'],
    env: ['MACIE_REMEDIATE_STACK', 'EnvStack', 'EnvStack'],
    cdk: ['stackName', 'CdkStack', 'CdkStack'],
    default: 'MacieRemediate',
  },
  {
    name: 'quarantineBucket',
    read: (s) => s.quarantineBucket,
    flag: ['quarantineBucket', 'flag-quarantine', 'flag-quarantine'],
    env: ['MACIE_REMEDIATE_QUARANTINE_BUCKET', 'env-quarantine', 'env-quarantine'],
    stack: ['QuarantineBucketName', 'stack-quarantine', 'stack-quarantine'],
  },
  {
    name: 'ledgerTable',
    read: (s) => s.ledgerTable,
    flag: ['ledgerTable', 'FlagLedger', 'FlagLedger'],
    env: ['MACIE_REMEDIATE_LEDGER_TABLE', 'EnvLedger', 'EnvLedger'],
    stack: ['LedgerTableName', 'MacieRemediate-Ledger-1A2B', 'MacieRemediate-Ledger-1A2B'],
  },
  {
    name: 'secretId',
    read: (s) => s.secretId,
    flag: ['secretId', 'flag/secret', 'flag/secret'],
    env: ['MACIE_REMEDIATE_SECRET_ID', 'env/secret', 'env/secret'],
    cdk: ['secretId', 'cdk/secret', 'cdk/secret'],
    stack: [
      'SecretArn',
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:macie-remediate/slack-AbCdEf',
      'arn:aws:secretsmanager:us-east-1:111122223333:secret:macie-remediate/slack-AbCdEf',
    ],
    default: 'macie-remediate/slack',
  },
  {
    name: 'remediatorFunction',
    read: (s) => s.remediatorFunction,
    env: ['MACIE_REMEDIATE_REMEDIATOR_FUNCTION', 'env-remediator', 'env-remediator'],
    stack: ['RemediatorFunctionName', 'MacieRemediate-Remediator-XYZ', 'MacieRemediate-Remediator-XYZ'],
  },
  {
    name: 'slack.signingSecret',
    read: (s) => s.slack.signingSecret,
    env: ['SLACK_SIGNING_SECRET', 'env-signing', 'env-signing'],
    secret: ['signingSecret', 'secret-signing', 'secret-signing'],
    cdk: ['slackSigningSecret', 'legacy-signing', 'legacy-signing'],
  },
  {
    name: 'slack.botToken',
    read: (s) => s.slack.botToken,
    env: ['SLACK_BOT_TOKEN', 'xoxb-env', 'xoxb-env'],
    secret: ['botToken', 'xoxb-secret', 'xoxb-secret'],
  },
  {
    name: 'slack.webhookUrl',
    read: (s) => s.slack.webhookUrl,
    env: ['SLACK_WEBHOOK_URL', 'http://127.0.0.1:9000/hook', 'http://127.0.0.1:9000/hook'],
    secret: [
      'webhookUrl',
      'https://hooks.slack.com/services/T0/B0/secret',
      'https://hooks.slack.com/services/T0/B0/secret',
    ],
    cdk: [
      'slackWebHookUrl',
      'https://hooks.slack.com/services/T0/B0/legacy',
      'https://hooks.slack.com/services/T0/B0/legacy',
    ],
  },
  {
    name: 'slackApiUrl',
    read: (s) => s.slackApiUrl,
    env: ['SLACK_API_URL', 'http://127.0.0.1:9000/api', 'http://127.0.0.1:9000/api/'],
    default: 'https://slack.com/api/',
  },
  {
    name: 'securityHub',
    read: (s) => s.securityHub,
    env: ['MACIE_REMEDIATE_SECURITY_HUB', 'FALSE', false],
    cdk: ['securityHub', false, false],
    default: true,
  },
  {
    name: 'restoreApprovals',
    read: (s) => s.restoreApprovals,
    env: ['MACIE_REMEDIATE_RESTORE_APPROVALS', '2', 2],
    cdk: ['restoreApprovals', 2, 2],
    default: 1,
  },
  {
    name: 'region',
    read: (s) => s.region,
    flag: ['region', 'eu-west-1', 'eu-west-1'],
    env: ['AWS_REGION', 'us-west-2', 'us-west-2'],
  },
  {
    name: 'profile',
    read: (s) => s.profile,
    flag: ['profile', 'flag-profile', 'flag-profile'],
    env: ['AWS_PROFILE', 'env-profile', 'env-profile'],
  },
  {
    name: 'endpointUrl',
    read: (s) => s.endpointUrl,
    flag: ['endpointUrl', 'http://127.0.0.1:5000', 'http://127.0.0.1:5000/'],
  },
];

const ORDER = ['flag', 'env', 'secret', 'cdk', 'stack'] as const;
const SOURCE_NAMES: Record<(typeof ORDER)[number], SettingSource> = {
  flag: 'flag',
  env: 'env',
  secret: 'secret',
  cdk: 'cdk.json',
  stack: 'stack',
};

/** Input holding the row's values for the given sources only. */
function inputFor(row: Row, sources: readonly (typeof ORDER)[number][]): LoadSettingsInput {
  const part = (source: (typeof ORDER)[number]) => {
    const given = sources.includes(source) ? row[source] : undefined;
    return given ? { [given[0]]: given[1] } : {};
  };
  return {
    flags: part('flag') as SettingsFlags,
    env: part('env') as Record<string, string>,
    secret: part('secret') as SlackCredentials,
    cdkContext: part('cdk'),
    stackOutputs: part('stack') as Record<string, string>,
  };
}

/** For each row, each source it has, with every lower source also set: that source must win. */
const precedenceCases = ROWS.flatMap((row) =>
  ORDER.filter((source) => row[source]).map((source, _, present) => ({
    name: row.name,
    row,
    source,
    present: present.slice(present.indexOf(source)),
  })),
);

describe('loadSettings', () => {
  it('resolves every setting to its default when nothing is given', () => {
    // Act
    const settings = loadSettings({});

    // Assess
    expect(settings).toEqual({
      autoRemediateConfig: DEFAULT_AUTO_REMEDIATE_CONFIG,
      remediationActions: {},
      exemptTag: 'macie-remediate:exempt',
      exemptPrefixes: {},
      minSeverity: 'LOW',
      slackApprovers: [],
      slackApproverGroups: [],
      sourceBuckets: [],
      memberAccounts: [],
      memberRoleName: 'MacieRemediateMember',
      accountPolicies: {},
      operatorPrincipals: [],
      forwardRegions: [],
      securityHub: true,
      restoreApprovals: 1,
      reconcileSchedule: 'rate(1 hour)',
      auditRetentionDays: 365,
      auditRetentionMode: 'GOVERNANCE',
      reasonRequired: ['dismiss', 'restore'],
      stackName: 'MacieRemediate',
      secretId: 'macie-remediate/slack',
      slack: {},
      slackApiUrl: 'https://slack.com/api/',
      warnings: [],
      sources: {
        autoRemediateConfig: 'default',
        remediationActions: 'default',
        exemptTag: 'default',
        minSeverity: 'default',
        memberRoleName: 'default',
        securityHub: 'default',
        restoreApprovals: 'default',
        reconcileSchedule: 'default',
        auditRetentionDays: 'default',
        auditRetentionMode: 'default',
        reasonRequired: 'default',
        stackName: 'default',
        secretId: 'default',
        slackApiUrl: 'default',
      },
    });
  });

  it('has the original defaults: Credentials and Financial AUTO, the rest REVIEW', () => {
    expect(DEFAULT_AUTO_REMEDIATE_CONFIG).toEqual({
      'SensitiveData:S3Object/Credentials': 'AUTO',
      'SensitiveData:S3Object/CustomIdentifier': 'REVIEW',
      'SensitiveData:S3Object/Financial': 'AUTO',
      'SensitiveData:S3Object/Multiple': 'REVIEW',
      'SensitiveData:S3Object/Personal': 'REVIEW',
    });
  });

  describe('precedence: flag > environment > secret > cdk.json > stack output > default', () => {
    it.each(precedenceCases)('$name: $source wins over the sources below it', ({ name, row, source, present }) => {
      // Act
      const settings = loadSettings(inputFor(row, present));

      // Assess
      expect(row.read(settings)).toEqual(row[source]?.[2]);
      expect(settings.sources[name]).toBe(SOURCE_NAMES[source]);
    });

    it.each(ROWS.filter((row) => row.default !== undefined))('$name: falls back to its default', (row) => {
      // Act
      const settings = loadSettings({});

      // Assess
      expect(row.read(settings)).toEqual(row.default);
      expect(settings.sources[row.name]).toBe('default');
    });

    it.each(ROWS.filter((row) => row.default === undefined))('$name: stays unset when no source sets it', (row) => {
      // Act
      const settings = loadSettings({});

      // Assess
      expect(settings.sources[row.name]).toBeUndefined();
      expect(row.read(settings)).toEqual(row.unset);
    });

    it('treats an empty environment variable or cdk.json placeholder as unset', () => {
      // Act
      const settings = loadSettings({
        env: { MACIE_REMEDIATE_MIN_SEVERITY: '', SLACK_WEBHOOK_URL: '' },
        cdkContext: { minSeverityLevel: 'HIGH', slackWebHookUrl: '' },
      });

      // Assess
      expect(settings.minSeverity).toBe('HIGH');
      expect(settings.slack.webhookUrl).toBeUndefined();
      expect(settings.warnings).toEqual([]);
    });

    it('takes "*" alone as every source bucket, from any source', () => {
      expect(loadSettings({ cdkContext: { sourceBuckets: ['*'] } }).sourceBuckets).toEqual(['*']);
      expect(loadSettings({ env: { MACIE_REMEDIATE_SOURCE_BUCKETS: '*' } }).sourceBuckets).toEqual(['*']);
      expect(loadSettings({ flags: { sourceBucket: ['*'] } }).sourceBuckets).toEqual(['*']);
      expect(problemsOf({ flags: { sourceBucket: ['*', 'b-one'] } })).toEqual([
        'source bucket "*" from --source-bucket: "*" (every bucket) must be the only entry',
      ]);
    });

    it('reads lists from cdk.json as arrays, comma lists or JSON array strings (from `cdk -c`)', () => {
      expect(loadSettings({ cdkContext: { sourceBuckets: 'b-one, b-two' } }).sourceBuckets).toEqual(['b-one', 'b-two']);
      expect(loadSettings({ cdkContext: { sourceBuckets: '["b-one","b-two"]' } }).sourceBuckets).toEqual([
        'b-one',
        'b-two',
      ]);
      expect(problemsOf({ cdkContext: { sourceBuckets: '["b-one",' } })).toEqual([
        'source bucket from cdk.json context "sourceBuckets": must be an array of strings',
      ]);
    });

    it('validates only the winning value: a flag overrides a bad environment value', () => {
      expect(
        loadSettings({ flags: { minSeverity: 'HIGH' }, env: { MACIE_REMEDIATE_MIN_SEVERITY: 'SEVERE' } }).minSeverity,
      ).toBe('HIGH');
    });
  });

  describe('problems', () => {
    it('lists every problem at once, each naming the setting, the source and what is wrong', () => {
      // Act
      const problems = problemsOf({
        flags: { slackChannel: 'General', approver: ['U0GOOD001', 'bob'] },
        env: { MACIE_REMEDIATE_MIN_SEVERITY: 'SEVERE', AWS_REGION: 'mars' },
        cdkContext: { sourceBuckets: ['good-bucket', 'Bad_Bucket'], slackTeamId: 'acme' },
        stackOutputs: { LedgerTableName: 'x', QuarantineBucketName: 'q..b' },
      });

      // Assess
      expect(problems).toEqual([
        'minimum severity "SEVERE" from MACIE_REMEDIATE_MIN_SEVERITY: must be LOW, MEDIUM or HIGH',
        'Slack channel "General" from --slack-channel: must be a channel id (C… or G…) or a channel name (lowercase letters, digits, - and _, at most 80)',
        'Slack team id "acme" from cdk.json context "slackTeamId": must be a Slack team id (T followed by capitals and digits)',
        'approver "bob" from --approver: must be a Slack user id (U… or W…) or user group id (S…)',
        'source bucket "Bad_Bucket" from cdk.json context "sourceBuckets": must use lowercase letters, digits, . and - only, and start and end with a letter or digit',
        'quarantine bucket "q..b" from stack output QuarantineBucketName: must not contain two dots in a row',
        'ledger table "x" from stack output LedgerTableName: must be 3 to 255 letters, digits, _, . or -',
        'region "mars" from AWS_REGION: must be an AWS Region such as us-east-1',
      ]);
    });

    it('is a user error with code CONFIG_INVALID', () => {
      // Act
      const act = () => loadSettings({ env: { MACIE_REMEDIATE_STACK: '1stack' } });

      // Assess
      expect(act).toThrow(ConfigError);
      expect(act).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', source: 'user' }));
      expect(act).toThrow(
        'Invalid configuration:\n  - stack name "1stack" from MACIE_REMEDIATE_STACK: must start with a letter and use letters, digits and - only (at most 128)',
      );
    });

    it('never shows a secret value in a problem', () => {
      // Act
      const problems = problemsOf({
        env: { SLACK_BOT_TOKEN: 'xoxp-very-secret', SLACK_SIGNING_SECRET: 'has space' },
        secret: { webhookUrl: 'ftp://hooks.example/secret-path' },
      });

      // Assess
      expect(problems).toEqual([
        'Slack signing secret from SLACK_SIGNING_SECRET: must not contain whitespace',
        'Slack bot token from SLACK_BOT_TOKEN: must be a bot token (xoxb-…)',
        `Slack webhook URL from the Slack secret's "webhookUrl": must be an http(s) URL`,
      ]);
      expect(problems.join('\n')).not.toMatch(/very-secret|has space|secret-path/);
    });

    it('rejects values of the wrong JSON type in cdk.json', () => {
      expect(problemsOf({ cdkContext: { minSeverityLevel: 2, sourceBuckets: [1], slackApprovers: {} } })).toEqual([
        'minimum severity from cdk.json context "minSeverityLevel": must be a string',
        'approver from cdk.json context "slackApprovers": must be an array of strings',
        'source bucket from cdk.json context "sourceBuckets": must be an array of strings',
      ]);
    });

    it('rejects a cdk.json context that is not an object', () => {
      expect(problemsOf({ cdkContext: ['x'] })).toEqual(['cdk.json context: must be an object']);
    });
  });

  describe('autoRemediateConfig', () => {
    it('replaces the defaults: a type it omits is REVIEW', () => {
      expect(loadSettings({ cdkContext: { autoRemediateConfig: { Personal: 'AUTO' } } }).autoRemediateConfig).toEqual({
        ...REVIEW_ALL,
        'SensitiveData:S3Object/Personal': 'AUTO',
      });
    });

    it('accepts full and short type names and actions in any case', () => {
      // Act
      const settings = loadSettings({
        flags: { auto: ['SensitiveData:S3Object/Financial=ignore', 'credentials=Auto', 'CUSTOMIDENTIFIER=review'] },
      });

      // Assess
      expect(settings.autoRemediateConfig).toEqual({
        ...REVIEW_ALL,
        'SensitiveData:S3Object/Financial': 'IGNORE',
        'SensitiveData:S3Object/Credentials': 'AUTO',
      });
    });

    it('accepts a JSON string in cdk.json context, as `cdk -c` passes it', () => {
      expect(
        loadSettings({ cdkContext: { autoRemediateConfig: '{"Personal":"IGNORE"}' } }).autoRemediateConfig[
          'SensitiveData:S3Object/Personal'
        ],
      ).toBe('IGNORE');
    });

    it('names unknown types, unknown actions and malformed flags', () => {
      expect(
        problemsOf({ flags: { auto: ['Finance=AUTO', 'Personal=sometimes', 'Credentials', 'Multiple=AUTO'] } }),
      ).toEqual([
        'action per finding type "Credentials" from --auto: must be TYPE=ACTION, e.g. Financial=AUTO',
        'finding type "Finance" from --auto: must be Credentials, CustomIdentifier, Financial, Multiple or Personal (optionally prefixed SensitiveData:S3Object/)',
        'action for Personal "sometimes" from --auto: must be AUTO, REVIEW or IGNORE',
      ]);
    });

    it('rejects a policy type, which it cannot act on', () => {
      expect(problemsOf({ cdkContext: { autoRemediateConfig: { 'Policy:IAMUser/S3BucketPublic': 'AUTO' } } })).toEqual([
        'finding type "Policy:IAMUser/S3BucketPublic" from cdk.json context "autoRemediateConfig": must be Credentials, CustomIdentifier, Financial, Multiple or Personal (optionally prefixed SensitiveData:S3Object/)',
      ]);
    });

    it('rejects invalid JSON and non-objects from the environment', () => {
      expect(problemsOf({ env: { MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: '{Financial: AUTO}' } })[0]).toMatch(
        /^action per finding type from MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: is not valid JSON \(/,
      );
      expect(problemsOf({ env: { MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: '["Financial"]' } })).toEqual([
        'action per finding type from MACIE_REMEDIATE_AUTO_REMEDIATE_CONFIG: must be an object of finding type to AUTO, REVIEW or IGNORE',
      ]);
    });

    it('rejects non-string actions and the same type given twice with different actions', () => {
      expect(
        problemsOf({
          cdkContext: {
            autoRemediateConfig: { Financial: 'AUTO', 'SensitiveData:S3Object/Financial': 'IGNORE', Personal: 1 },
          },
        }),
      ).toEqual([
        'action for SensitiveData:S3Object/Financial "IGNORE" from cdk.json context "autoRemediateConfig": contradicts AUTO given for the same type',
        'action for Personal 1 from cdk.json context "autoRemediateConfig": must be a string: AUTO, REVIEW or IGNORE',
      ]);
    });
  });

  describe('approvers', () => {
    it('splits user ids (U…, W…) from user group ids (S…), drops duplicates, splits commas in flags', () => {
      // Act
      const settings = loadSettings({ flags: { approver: ['U0AAA0001,S0GRP0001', 'W0BBB0002', 'U0AAA0001'] } });

      // Assess
      expect(settings.slackApprovers).toEqual(['U0AAA0001', 'W0BBB0002']);
      expect(settings.slackApproverGroups).toEqual(['S0GRP0001']);
    });

    it('rejects names, mentions and channel ids', () => {
      expect(problemsOf({ env: { MACIE_REMEDIATE_SLACK_APPROVERS: '@alice,<@U0AAA0001>,C0123ABCD' } })).toHaveLength(3);
    });
  });

  describe('legacy secrets in cdk.json', () => {
    const legacy = {
      slackWebHookUrl: 'https://hooks.slack.com/services/T0/B0/legacy',
      slackSigningSecret: 'legacy-signing',
    };

    it('uses them with a warning when neither the environment nor the secret has a value', () => {
      // Act
      const settings = loadSettings({ cdkContext: legacy });

      // Assess
      expect(settings.slack).toEqual({ webhookUrl: legacy.slackWebHookUrl, signingSecret: legacy.slackSigningSecret });
      expect(settings.warnings).toEqual([
        'cdk.json context "slackWebHookUrl" holds a secret in plain text: move it to the secret with `macie-remediate init` and delete it from cdk.json',
        'cdk.json context "slackSigningSecret" holds a secret in plain text: move it to the secret with `macie-remediate init` and delete it from cdk.json',
      ]);
    });

    it('prefers the environment and the secret, and still warns', () => {
      // Act
      const settings = loadSettings({
        cdkContext: legacy,
        env: { SLACK_SIGNING_SECRET: 'env-signing' },
        secret: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/current' },
      });

      // Assess
      expect(settings.slack).toEqual({
        signingSecret: 'env-signing',
        webhookUrl: 'https://hooks.slack.com/services/T0/B0/current',
      });
      expect(settings.sources['slack.webhookUrl']).toBe('secret');
      expect(settings.warnings).toHaveLength(2);
    });
  });

  it('reads the Security Hub switch as true or false only, naming the setting and its source otherwise', () => {
    // Act
    const problems = [
      ...problemsOf({ env: { MACIE_REMEDIATE_SECURITY_HUB: 'yes' } }),
      ...problemsOf({ cdkContext: { securityHub: 'off' } }),
    ];
    const fromCdkText = loadSettings({ cdkContext: { securityHub: 'false' } });

    // Assess
    expect(problems).toEqual([
      'Security Hub sync "yes" from MACIE_REMEDIATE_SECURITY_HUB: must be true or false',
      'Security Hub sync "off" from cdk.json context "securityHub": must be true or false',
    ]);
    expect(fromCdkText.securityHub).toBe(false);
  });

  it('names each bad remediation action, severity, exemption tag and prefix list with its setting and source', () => {
    expect(
      problemsOf({
        cdkContext: {
          remediationActions: { Financial: 'delete', Personal: { urgent: 'SEAL', HIGH: 7 }, Nope: 'TAG' },
          exemptTag: 'aws:exempt',
          exemptPrefixes: { 'acme-data': 'public/', Bad_Bucket: ['x/'] },
        },
      }),
    ).toEqual([
      'action for Financial "delete" from cdk.json context "remediationActions": must be QUARANTINE, SEAL or TAG',
      'severity for Personal "urgent" from cdk.json context "remediationActions": must be LOW, MEDIUM or HIGH',
      'action for Personal HIGH 7 from cdk.json context "remediationActions": must be QUARANTINE, SEAL or TAG',
      'finding type "Nope" from cdk.json context "remediationActions": must be Credentials, CustomIdentifier, Financial, Multiple or Personal (optionally prefixed SensitiveData:S3Object/)',
      'exemption tag "aws:exempt" from cdk.json context "exemptTag": must not start with aws: (S3 reserves it)',
      'exempt prefixes of acme-data "public/" from cdk.json context "exemptPrefixes": must be a list of non-empty key prefixes',
      expect.stringMatching(/^bucket in exemptPrefixes "Bad_Bucket" from cdk.json context "exemptPrefixes": /),
    ]);
  });

  describe('reasonRequired', () => {
    it('reads cdk.json arrays, [] as none, the variable comma-separated or `none`', () => {
      const of = (input: Parameters<typeof loadSettings>[0]) => loadSettings(input).reasonRequired;
      expect(of({})).toEqual(['dismiss', 'restore']);
      expect(of({ cdkContext: { reasonRequired: [] } })).toEqual([]);
      expect(of({ cdkContext: { reasonRequired: ['remediate'] } })).toEqual(['remediate']);
      expect(of({ env: { MACIE_REMEDIATE_REASON_REQUIRED: 'none' } })).toEqual([]);
      expect(of({ env: { MACIE_REMEDIATE_REASON_REQUIRED: 'remediate, dismiss' } })).toEqual(['remediate', 'dismiss']);
    });

    it('names the setting, the source and the wrong value', () => {
      expect(problemsOf({ cdkContext: { reasonRequired: ['dismiss', 'delete'] } })).toEqual([
        'actions that need a reason "delete" from cdk.json context "reasonRequired": must be one of remediate, dismiss, restore (or "none" alone for none)',
      ]);
    });
  });

  it('takes 1 or 2 restore approvals, as a cdk.json number or text, naming the setting and its source otherwise', () => {
    // Act
    const problems = [
      ...problemsOf({ env: { MACIE_REMEDIATE_RESTORE_APPROVALS: '3' } }),
      ...problemsOf({ cdkContext: { restoreApprovals: 1.5 } }),
      ...problemsOf({ cdkContext: { restoreApprovals: true } }),
    ];
    const fromCdkText = loadSettings({ cdkContext: { restoreApprovals: '2' } });

    // Assess
    expect(problems).toEqual([
      'restore approvals "3" from MACIE_REMEDIATE_RESTORE_APPROVALS: must be 1 or 2',
      'restore approvals 1.5 from cdk.json context "restoreApprovals": must be 1 or 2',
      'restore approvals true from cdk.json context "restoreApprovals": must be 1 or 2',
    ]);
    expect(fromCdkText.restoreApprovals).toBe(2);
  });

  describe('reconcileSchedule', () => {
    it('takes rate and cron expressions from cdk.json, and "" as no schedule', () => {
      // Act
      const schedules = ['rate(1 hour)', 'rate(15 minutes)', 'cron(0 6 * * ? *)', ''].map(
        (reconcileSchedule) => loadSettings({ cdkContext: { reconcileSchedule } }).reconcileSchedule,
      );

      // Assess
      expect(schedules).toEqual(['rate(1 hour)', 'rate(15 minutes)', 'cron(0 6 * * ? *)', '']);
    });

    it('refuses what EventBridge would refuse, naming the setting and its source', () => {
      // Act
      const problems = ['rate(1 hours)', 'rate(0 minutes)', 'every hour', 'cron(0 6 * * *)'].map(
        (reconcileSchedule) => problemsOf({ cdkContext: { reconcileSchedule } })[0],
      );

      // Assess
      expect(problems).toEqual([
        'reconciliation schedule "rate(1 hours)" from cdk.json context "reconcileSchedule": must say rate(1 hour) or rate(N hours)',
        'reconciliation schedule "rate(0 minutes)" from cdk.json context "reconcileSchedule": must repeat at least once per unit: rate(1 hour), not rate(0 hours)',
        'reconciliation schedule "every hour" from cdk.json context "reconcileSchedule": must be an EventBridge schedule: rate(1 hour), rate(30 minutes), cron(0 * * * ? *), or "" for none',
        'reconciliation schedule "cron(0 6 * * *)" from cdk.json context "reconcileSchedule": must be an EventBridge schedule: rate(1 hour), rate(30 minutes), cron(0 * * * ? *), or "" for none',
      ]);
    });
  });

  it('never takes the region from the stack outputs: the SDK resolves it from the profile instead', () => {
    expect(loadSettings({ stackOutputs: { Region: 'ap-southeast-2' } }).region).toBeUndefined();
  });

  it('warns about MACIE_REMEDIATE_* variables it does not know (typos)', () => {
    expect(loadSettings({ env: { MACIE_REMEDIATE_MIN_SEVERTY: 'HIGH', PATH: '/bin' } }).warnings).toEqual([
      'environment variable MACIE_REMEDIATE_MIN_SEVERTY is not a macie-remediate setting (ignored)',
    ]);
  });

  describe('organisation settings', () => {
    it('reads member accounts, the role name, account policies and the organisation from cdk.json and the environment', () => {
      const settings = loadSettings({
        env: {
          MACIE_REMEDIATE_MEMBER_ACCOUNTS: '222233334444, 333344445555',
          MACIE_REMEDIATE_ACCOUNT_ID: '111122223333',
        },
        cdkContext: {
          memberRoleName: 'OrgQuarantine',
          organizationId: 'o-a1b2c3d4e5',
          operatorPrincipals: ['arn:aws:iam::111122223333:role/SecOps'],
          forwardRegions: ['eu-west-1', 'us-east-2'],
          accountPolicies: {
            '222233334444': {
              autoRemediateConfig: { Financial: 'review' },
              minSeverityLevel: 'high',
              sourceBuckets: ['payroll'],
            },
          },
        },
      });

      expect(settings).toMatchObject({
        memberAccounts: ['222233334444', '333344445555'],
        memberRoleName: 'OrgQuarantine',
        accountId: '111122223333',
        organizationId: 'o-a1b2c3d4e5',
        operatorPrincipals: ['arn:aws:iam::111122223333:role/SecOps'],
        forwardRegions: ['eu-west-1', 'us-east-2'],
      });
      expect(settings.accountPolicies['222233334444']).toEqual({
        autoRemediateConfig: expect.objectContaining({ 'SensitiveData:S3Object/Financial': 'REVIEW' }),
        minSeverity: 'HIGH',
        sourceBuckets: ['payroll'],
      });
    });

    it('reads account policies from the JSON the stack gives its functions', () => {
      const env = {
        MACIE_REMEDIATE_ACCOUNT_POLICIES: JSON.stringify({ '222233334444': { minSeverityLevel: 'HIGH' } }),
      };
      expect(loadSettings({ env }).accountPolicies).toEqual({ '222233334444': { minSeverity: 'HIGH' } });
    });

    it('names the variable, not cdk.json, for a bad value inside the JSON the stack gives its functions', () => {
      const env = {
        MACIE_REMEDIATE_ACCOUNT_POLICIES: JSON.stringify({ '222233334444': { minSeverityLevel: 'urgent' } }),
      };
      expect(() => loadSettings({ env })).toThrow(
        'minimum severity "urgent" from MACIE_REMEDIATE_ACCOUNT_POLICIES at accountPolicies.222233334444.minSeverityLevel: must be',
      );
    });

    it('accepts "*" alone as every member account', () => {
      expect(loadSettings({ cdkContext: { memberAccounts: ['*'] } }).memberAccounts).toEqual(['*']);
    });

    it('lists every bad organisation value at once, each with its setting, source and path', () => {
      const load = () =>
        loadSettings({
          env: {
            MACIE_REMEDIATE_MEMBER_ACCOUNTS: '1234,222233334444,*',
            MACIE_REMEDIATE_MEMBER_ROLE_NAME: 'no spaces allowed',
          },
          cdkContext: {
            organizationId: 'org-1',
            operatorPrincipals: ['arn:aws:iam::111122223333:root'],
            forwardRegions: ['mars-1'],
            accountPolicies: { '42': {}, '222233334444': { minSeverityLevel: 'urgent', color: 'red' } },
          },
        });

      expect(load).toThrow(ConfigError);
      const problems = (() => {
        try {
          load();
        } catch (err) {
          return (err as ConfigError).problems;
        }
        return [];
      })();
      expect(problems).toEqual(
        expect.arrayContaining([
          'member account "1234" from MACIE_REMEDIATE_MEMBER_ACCOUNTS: must be a 12-digit AWS account id',
          'member account "*" from MACIE_REMEDIATE_MEMBER_ACCOUNTS: "*" (every account) must be the only entry',
          expect.stringMatching(
            /^member role name "no spaces allowed" from MACIE_REMEDIATE_MEMBER_ROLE_NAME: must be an IAM role name/,
          ),
          expect.stringMatching(/^organization id "org-1" from cdk.json context "organizationId": must be/),
          expect.stringMatching(
            /^operator principal "arn:aws:iam::111122223333:root" from cdk.json context "operatorPrincipals": must be an IAM role or user ARN/,
          ),
          expect.stringMatching(
            /^forwarded Region "mars-1" from cdk.json context "forwardRegions": must be an AWS Region/,
          ),
          'account id in accountPolicies "42" from cdk.json context "accountPolicies": must be a 12-digit AWS account id',
          expect.stringMatching(
            /^minimum severity "urgent" from cdk.json context "accountPolicies.222233334444.minSeverityLevel": must be/,
          ),
          expect.stringMatching(
            /^accountPolicies.222233334444.color from cdk.json context "accountPolicies": is not a policy field/,
          ),
        ]),
      );
    });
  });
});
