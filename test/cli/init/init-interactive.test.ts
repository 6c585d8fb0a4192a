import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { motoSecrets, uniqueName } from '../../support/aws';
import { tempProject, useMotoEnvironment } from '../support/setup-env';
import { KEYS, Terminal } from '../support/terminal';

const SIGNING_SECRET = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const BOT_TOKEN = 'xoxb-3333-4444-typed-at-the-prompt';
const { enter, down, clearLine } = KEYS;

const secrets = motoSecrets();
const readSecret = async (id: string) =>
  JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: id }))).SecretString ?? '{}');
const readContext = (dir: string) => JSON.parse(readFileSync(join(dir, 'cdk.json'), 'utf8')).context;

describe('Command: init on a terminal (@inquirer/prompts)', () => {
  const slack = new SlackStandIn();
  let project: ReturnType<typeof tempProject>;
  let secretId: string;

  beforeAll(() => slack.start());
  afterAll(() => slack.stop());

  beforeEach(() => {
    project = tempProject('init-tty');
    secretId = uniqueName('macie-remediate/slack');
  });

  afterEach(() => project.remove());

  it('asks each setting, re-asks a wrong answer with the reason, and masks the secrets', async () => {
    // Prepare
    const env = useMotoEnvironment();
    const terminal = new Terminal();

    // Act
    const done = terminal.run(['init', '--secret-id', secretId], { env, cwd: project.dir });
    await terminal.answer('Slack channel for findings', `Sec Findings${enter}`);
    const channelProblem = await terminal.answer(
      'must be a channel id (C… or G…) or a channel name',
      `${clearLine}#sec-findings${enter}`,
    );
    await terminal.answer('Who may approve', `U0ALICE001, bob${enter}`);
    const approverProblem = await terminal.answer(
      'bob must be a Slack user id',
      `${clearLine}U0ALICE001, S0SECOPS01${enter}`,
    );
    await terminal.answer('Minimum severity', `${down}${enter}`);
    await terminal.answer('Keep the action per finding type (Credentials AUTO, CustomIdentifier REVIEW', `n${enter}`);
    await terminal.answer('Credentials findings', enter);
    await terminal.answer('CustomIdentifier findings', `${down}${enter}`);
    await terminal.answer('Financial findings', enter);
    await terminal.answer('Multiple findings', enter);
    await terminal.answer('Personal findings', `${down}${down}${down}${enter}`);
    await terminal.answer('Source buckets the remediator may move objects out of', enter);
    await terminal.answer('name at least one bucket, or * for every bucket', `*, finance-data${enter}`);
    await terminal.answer('"*" (every bucket) must be the only entry', `${clearLine}finance-data hr-exports${enter}`);
    await terminal.answer("Create the Slack app through Slack's API?", enter);
    await terminal.answer('Slack signing secret', `not-a-secret${enter}`);
    await terminal.answer('32 hexadecimal characters', `${clearLine}${SIGNING_SECRET}${enter}`);
    await terminal.answer('How does macie-remediate post to Slack?', enter);
    await terminal.answer('Bot User OAuth Token', `xoxb${enter}`);
    await terminal.answer('must be a bot token (xoxb-…)', `${clearLine}${BOT_TOKEN}${enter}`);
    const run = await done;

    // Assess
    expect(run.code).toBe(0);
    expect(channelProblem).toContain('Sec Findings');
    expect(approverProblem).toContain('U0ALICE001, bob');
    expect(readContext(project.dir)).toMatchObject({
      slackChannel: 'sec-findings',
      slackApprovers: ['U0ALICE001', 'S0SECOPS01'],
      minSeverityLevel: 'MEDIUM',
      autoRemediateConfig: {
        'SensitiveData:S3Object/Credentials': 'AUTO',
        'SensitiveData:S3Object/CustomIdentifier': 'IGNORE',
        'SensitiveData:S3Object/Financial': 'AUTO',
        'SensitiveData:S3Object/Multiple': 'REVIEW',
        'SensitiveData:S3Object/Personal': 'REVIEW',
      },
      sourceBuckets: ['finance-data', 'hr-exports'],
      secretId,
    });
    expect(await readSecret(secretId)).toEqual({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN });
    const screen = terminal.stderr.text + terminal.stdout.text;
    expect(screen).not.toContain(SIGNING_SECRET);
    expect(screen).not.toContain(BOT_TOKEN);
    expect(screen).toContain('*'.repeat(SIGNING_SECRET.length));
    expect(readFileSync(join(project.dir, 'cdk.json'), 'utf8')).not.toContain(SIGNING_SECRET);
  });

  it('creates the Slack app, shows where to install it and takes the bot token it issues', async () => {
    // Prepare
    const env = useMotoEnvironment({ SLACK_API_URL: slack.apiUrl });
    const terminal = new Terminal();

    // Act
    const done = terminal.run(
      ['init', '--secret-id', secretId, '--slack-channel', 'macie-findings', '--min-severity', 'LOW'],
      {
        env,
        cwd: project.dir,
      },
    );
    await terminal.answer('Who may approve', enter);
    await terminal.answer('Keep the action per finding type', enter);
    await terminal.answer('Source buckets the remediator may move objects out of', `*${enter}`);
    await terminal.answer("Create the Slack app through Slack's API?", `y${enter}`);
    await terminal.answer('App configuration token', `${SLACK_DEFAULTS.appConfigToken}${enter}`);
    const installStep = await terminal.waitFor(/Bot User OAuth Token/);
    const appId = installStep.match(/Slack app (A\w+) created/)?.[1] ?? '';
    const botToken = slack.installApp(appId);
    await terminal.answer('Bot User OAuth Token', `${botToken}${enter}`);
    const run = await done;

    // Assess
    expect(run.code).toBe(0);
    expect(installStep).toContain(`${slack.url}/oauth/v2/authorize?client_id=`);
    expect(readContext(project.dir)).toMatchObject({
      slackAppId: appId,
      slackChannel: 'macie-findings',
      sourceBuckets: ['*'],
    });
    expect(await readSecret(secretId)).toEqual({ signingSecret: slack.signingSecret, botToken });
    expect(run.stdout).toContain('1. Deploy the stack: macie-remediate deploy');
    expect(terminal.stderr.text).not.toContain(SLACK_DEFAULTS.appConfigToken);
  });
});
