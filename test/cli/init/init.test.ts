import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeSecretCommand, GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { motoSecrets, uniqueName } from '../../support/aws';
import { runCli } from '../support/captured-io';
import { tempProject, useMotoEnvironment } from '../support/setup-env';

const SIGNING_SECRET = 'f3a9c1d2e4b5a6978877665544332211';
const BOT_TOKEN = 'xoxb-1111-2222-init-test-token';
const WEBHOOK_URL = 'https://hooks.slack.com/services/T000/B000/init-test-hook';

/** The original solution's cdk.json, placeholders and plaintext secrets included. */
const ORIGINAL_CDK_JSON = {
  app: 'npx ts-node bin/macie-auto-remediation.ts',
  context: {
    '@aws-cdk/core:enableStackNameDuplicates': 'true',
    autoRemediateConfig: {
      'SensitiveData:S3Object/Credentials': 'AUTO',
      'SensitiveData:S3Object/CustomIdentifier': 'REVIEW',
      'SensitiveData:S3Object/Financial': 'AUTO',
      'SensitiveData:S3Object/Multiple': 'REVIEW',
      'SensitiveData:S3Object/Personal': 'REVIEW',
    },
    minSeverityLevel: 'LOW',
    slackChannel: 'UPDATE-THIS',
    slackWebHookUrl: WEBHOOK_URL,
    slackSigningSecret: 'UPDATE-THIS',
  },
};

const secrets = motoSecrets();
const readSecret = async (id: string) =>
  JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: id }))).SecretString ?? '') as Record<
    string,
    string
  >;
const readCdkJson = (dir: string) =>
  JSON.parse(readFileSync(join(dir, 'cdk.json'), 'utf8')) as { app: string; context: Record<string, unknown> };

/** Everything init writes, as it is now: the files byte for byte, the secret's value and version. */
async function stateOf(dir: string, secretId: string) {
  const secret = await secrets.send(new GetSecretValueCommand({ SecretId: secretId }));
  return {
    cdkJson: readFileSync(join(dir, 'cdk.json')),
    manifest: readFileSync(join(dir, 'slack-app-manifest.json')),
    secret: { value: secret.SecretString, versionId: secret.VersionId },
  };
}

describe('Command: init --yes (scripts and CI)', () => {
  let project: ReturnType<typeof tempProject>;
  let secretId: string;

  beforeEach(() => {
    project = tempProject('init');
    secretId = uniqueName('macie-remediate/slack');
  });

  afterEach(() => project.remove());

  it('merges into the original cdk.json: original keys plus ours, app and unknown keys kept, plaintext secrets moved into the secret', async () => {
    // Prepare
    writeFileSync(join(project.dir, 'cdk.json'), JSON.stringify(ORIGINAL_CDK_JSON, null, 2));
    const env = useMotoEnvironment({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN });

    // Act
    const run = await runCli(
      [
        'init',
        '--yes',
        '--slack-channel',
        '#sec-findings',
        '--approver',
        'U0ALICE001',
        '--approver',
        'S0SECOPS01',
        '--source-bucket',
        'finance-data',
        '--min-severity',
        'medium',
        '--auto',
        'Personal=AUTO',
        '--secret-id',
        secretId,
      ],
      { env, cwd: project.dir },
    );

    // Assess
    expect(run).toMatchObject({ code: 0 });
    const written = readCdkJson(project.dir);
    expect(written.app).toBe(ORIGINAL_CDK_JSON.app);
    expect(written.context).toEqual({
      '@aws-cdk/core:enableStackNameDuplicates': 'true',
      autoRemediateConfig: {
        'SensitiveData:S3Object/Credentials': 'REVIEW',
        'SensitiveData:S3Object/CustomIdentifier': 'REVIEW',
        'SensitiveData:S3Object/Financial': 'REVIEW',
        'SensitiveData:S3Object/Multiple': 'REVIEW',
        'SensitiveData:S3Object/Personal': 'AUTO',
      },
      minSeverityLevel: 'MEDIUM',
      slackChannel: 'sec-findings',
      slackTeamId: '',
      slackApprovers: ['U0ALICE001', 'S0SECOPS01'],
      sourceBuckets: ['finance-data'],
      stackName: 'MacieRemediate',
      secretId,
    });
    const text = readFileSync(join(project.dir, 'cdk.json'), 'utf8');
    for (const secret of [SIGNING_SECRET, BOT_TOKEN, WEBHOOK_URL]) expect(text).not.toContain(secret);
    expect(await readSecret(secretId)).toEqual({
      signingSecret: SIGNING_SECRET,
      botToken: BOT_TOKEN,
      webhookUrl: WEBHOOK_URL,
    });
    expect(run.stderr).toContain(
      `Moved slackWebHookUrl and slackSigningSecret out of cdk.json into the secret ${secretId}`,
    );
    expect(run.stderr).toContain("is not macie-remediate's: deploy runs it as it is");
    for (const secret of [SIGNING_SECRET, BOT_TOKEN, WEBHOOK_URL])
      expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it('writes a new cdk.json whose app runs this package from any directory, and the Slack app manifest', async () => {
    // Prepare
    const env = useMotoEnvironment({ SLACK_SIGNING_SECRET: SIGNING_SECRET });

    // Act
    const run = await runCli(
      ['init', '--yes', '--slack-channel', 'C0FINDINGS1', '--source-bucket', '*', '--secret-id', secretId, '--json'],
      {
        env,
        cwd: project.dir,
      },
    );

    // Assess
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result).toMatchObject({
      cdkJson: join(project.dir, 'cdk.json'),
      secret: { id: secretId, write: 'created', keys: ['signingSecret'] },
      manifestFile: join(project.dir, 'slack-app-manifest.json'),
      movedLegacyKeys: [],
    });
    expect(result.nextSteps[0]).toContain('SLACK_BOT_TOKEN=xoxb-… macie-remediate init --yes');
    const { app } = readCdkJson(project.dir);
    expect(app).toMatch(/^node ".*tsx.*cli\.mjs" ".*bin\/cdk-app\.ts"$/);
    const manifest = JSON.parse(readFileSync(result.manifestFile, 'utf8'));
    expect(manifest.oauth_config.scopes.bot).toEqual(['chat:write', 'chat:write.public', 'usergroups:read']);
    expect(manifest.settings.interactivity).toBeUndefined();
    const described = await secrets.send(new DescribeSecretCommand({ SecretId: secretId }));
    expect(described.Name).toBe(secretId);
  });

  it('keeps the stored signing secret when run again with only a new bot token', async () => {
    // Prepare
    const first = useMotoEnvironment({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_WEBHOOK_URL: WEBHOOK_URL });
    await runCli(
      ['init', '--yes', '--slack-channel', 'sec-findings', '--source-bucket', '*', '--secret-id', secretId],
      {
        env: first,
        cwd: project.dir,
      },
    );
    const second = useMotoEnvironment({ SLACK_BOT_TOKEN: BOT_TOKEN });

    // Act
    const run = await runCli(['init', '--yes', '--json'], { env: second, cwd: project.dir });

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).secret).toEqual({
      id: secretId,
      write: 'updated',
      keys: ['signingSecret', 'botToken', 'webhookUrl'],
    });
    expect(await readSecret(secretId)).toEqual({
      signingSecret: SIGNING_SECRET,
      webhookUrl: WEBHOOK_URL,
      botToken: BOT_TOKEN,
    });
    expect(readCdkJson(project.dir).context).toMatchObject({ slackChannel: 'sec-findings', secretId });
  });

  it.each([
    [['--slack-channel', 'Findings Channel'], '--slack-channel'],
    [['--min-severity', 'CRITICAL'], '--min-severity'],
    [['--auto', 'Bogus=AUTO'], '--auto'],
    [['--auto', 'Financial=MAYBE'], '--auto'],
    [['--approver', 'alice'], '--approver'],
    [['--source-bucket', 'Bad_Bucket'], '--source-bucket'],
  ])('exits 2 naming the flag and writes nothing for %j', async (flags, flag) => {
    // Prepare
    const env = useMotoEnvironment({ SLACK_SIGNING_SECRET: SIGNING_SECRET });

    // Act
    const run = await runCli(['init', '--yes', '--source-bucket', 'finance-data', '--secret-id', secretId, ...flags], {
      env,
      cwd: project.dir,
    });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`from ${flag}:`);
    expect(run.stderr.trim().split('\n')[0]).toMatch(/^error: Invalid configuration:/);
    expect(existsSync(join(project.dir, 'cdk.json'))).toBe(false);
    await expect(secrets.send(new DescribeSecretCommand({ SecretId: secretId }))).rejects.toThrow(
      /can't find|not found|does not exist/i,
    );
  });

  it('checks every input first: all problems at once, one line each, exit 2; cdk.json, the secret and the manifest stay as they were', async () => {
    // Prepare
    const good = useMotoEnvironment({ SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN });
    const setUp = ['init', '--yes', '--slack-channel', 'sec-findings', '--source-bucket', 'finance-data'];
    await runCli([...setUp, '--secret-id', secretId], { env: good, cwd: project.dir });
    const before = await stateOf(project.dir, secretId);
    const bad = {
      SLACK_SIGNING_SECRET: 'not-a-secret',
      SLACK_BOT_TOKEN: 'xoxp-user-token-7f3a',
      SLACK_WEBHOOK_URL: 'https://example.com/hook-7f3a',
      SLACK_APP_CONFIG_TOKEN: 'xoxb-wrong-kind-7f3a',
    };
    const env = useMotoEnvironment(bad);

    // Act
    const run = await runCli(
      [
        'init',
        '--yes',
        '--slack-channel',
        'Sec Findings',
        '--approver',
        'alice',
        '--min-severity',
        'CRITICAL',
        '--auto',
        'Financial=MAYBE',
        '--source-bucket',
        'Bad_Bucket',
        '--slack-team-id',
        'acme',
        '--stack',
        '1stack',
        '--app-name',
        'A'.repeat(36),
        '--manifest-file',
        'missing/manifest.json',
      ],
      { env, cwd: project.dir },
    );

    // Assess
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr.trim().split('\n')).toEqual([
      'error: Invalid configuration:',
      '  - action for Financial "MAYBE" from --auto: must be AUTO, REVIEW or IGNORE',
      '  - minimum severity "CRITICAL" from --min-severity: must be LOW, MEDIUM or HIGH',
      '  - Slack channel "Sec Findings" from --slack-channel: must be a channel id (C… or G…) or a channel name (lowercase letters, digits, - and _, at most 80)',
      '  - Slack team id "acme" from --slack-team-id: must be a Slack team id (T followed by capitals and digits)',
      '  - approver "alice" from --approver: must be a Slack user id (U… or W…) or user group id (S…)',
      '  - source bucket "Bad_Bucket" from --source-bucket: must use lowercase letters, digits, . and - only, and start and end with a letter or digit',
      '  - stack name "1stack" from --stack: must start with a letter and use letters, digits and - only (at most 128)',
      '  - Slack bot token from SLACK_BOT_TOKEN: must be a bot token (xoxb-…)',
      '  - Slack app configuration token from SLACK_APP_CONFIG_TOKEN: must be an app configuration token (xoxe.xoxp-…)',
      "  - Slack signing secret from SLACK_SIGNING_SECRET: must be the app's signing secret: 32 hexadecimal characters (Basic Information, App Credentials)",
      '  - Slack webhook URL from SLACK_WEBHOOK_URL: must be a Slack incoming webhook URL (https://hooks.slack.com/services/…)',
      `  - Slack app name "${'A'.repeat(36)}" from --app-name: must be 1 to 35 printable characters (Slack's limit for an app name)`,
      `  - manifest file "missing/manifest.json" from --manifest-file: its folder ${join(project.dir, 'missing')} does not exist`,
    ]);
    expect(await stateOf(project.dir, secretId)).toEqual(before);
    for (const value of Object.values(bad)) expect(run.stderr).not.toContain(value);
  });

  it('takes secrets only from the environment: a bad one is named, never shown; there is no flag for them', async () => {
    // Prepare
    const env = useMotoEnvironment({ SLACK_BOT_TOKEN: 'not-a-bot-token-7f3a' });

    // Act
    const badEnv = await runCli(['init', '--yes', '--secret-id', secretId], { env, cwd: project.dir });
    const asFlag = await runCli(['init', '--yes', '--bot-token', BOT_TOKEN], { env, cwd: project.dir });

    // Assess
    expect(badEnv.code).toBe(2);
    expect(badEnv.stderr).toContain('Slack bot token from SLACK_BOT_TOKEN: must be a bot token (xoxb-…)');
    expect(badEnv.stderr).not.toContain('not-a-bot-token-7f3a');
    expect(asFlag.code).toBe(2);
    expect(asFlag.stderr).toContain("unknown option '--bot-token'");
  });

  it('refuses to choose the source buckets itself: without --source-bucket, exit 2 naming the flag and "*"; writes nothing', async () => {
    // Prepare
    const env = useMotoEnvironment({ SLACK_SIGNING_SECRET: SIGNING_SECRET });

    // Act
    const run = await runCli(['init', '--yes', '--secret-id', secretId], { env, cwd: project.dir });

    // Assess
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toBe(
      'error: Invalid configuration: ' +
        "source buckets: none chosen, and deploy needs a choice: pass --source-bucket NAME (repeatable) for the buckets Macie scans, or --source-bucket '*' for every bucket of the account\n",
    );
    expect(existsSync(join(project.dir, 'cdk.json'))).toBe(false);
    await expect(secrets.send(new DescribeSecretCommand({ SecretId: secretId }))).rejects.toThrow(
      /can't find|not found|does not exist/i,
    );
  });

  it('refuses to ask questions without a terminal: exit 2 pointing at --yes', async () => {
    // Prepare
    const env = useMotoEnvironment();

    // Act
    const run = await runCli(['init'], { env, cwd: project.dir });

    // Assess
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('without one, pass --yes');
    expect(existsSync(join(project.dir, 'cdk.json'))).toBe(false);
  });
});
