import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { HeadBucketCommand } from '@aws-sdk/client-s3';
import { PutSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { WebClient } from '@slack/web-api';
import { NO_SOURCE_BUCKETS } from '../../../core/config';
import { MacieStandIn } from '../../../local/macie/MacieStandIn';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { motoS3, motoSecrets, motoUrl, testCredentials, uniqueName } from '../../support/aws';
import { compileProject } from '../../support/built-cli';
import { runCli } from '../support/captured-io';
import { tempProject, useMotoEnvironment } from '../support/setup-env';
import { KEYS, Terminal } from '../support/terminal';

/**
 * The set-up walkthrough end to end, on this machine: init creates the Slack app on the Slack stand-in, deploy
 * runs the CDK toolkit against moto's CloudFormation (with a stand-in CDK app moto can carry), remembers the
 * outputs and points the Slack app at the API; status checks it all; destroy removes the stack.
 */
const API_URL = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/slack/actions';

/** The stand-in app compiled once (test/support/built-cli): each synthesis runs it on node alone, not through tsx. */
const compiled = tempProject('deploy-app');
let standInApp: string;
beforeAll(() => {
  const app = join('test', 'cli', 'support', 'stand-in-cdk-app');
  standInApp = join(compileProject(compiled.dir, [app]), `${app}.js`);
});
afterAll(() => compiled.remove());

const cloudFormation = new CloudFormationClient({
  region: 'us-east-1',
  endpoint: motoUrl(),
  credentials: testCredentials,
});
const stackStatus = async (name: string) =>
  (await cloudFormation.send(new DescribeStacksCommand({ StackName: name }))).Stacks?.[0]?.StackStatus;
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));
/** moto executes change sets but leaves the stack without outputs; CreateStack carries them. */
const DIRECT = ['--method', 'direct'];

function writeStandInProject(dir: string, context: Record<string, unknown> = {}): void {
  const cdkJson = {
    app: `node "${standInApp}"`,
    context: { standInApiUrl: API_URL, sourceBuckets: ['*'], ...context },
  };
  writeFileSync(join(dir, 'cdk.json'), JSON.stringify(cdkJson, null, 2));
}

describe('Commands: init, deploy, status, destroy (CDK toolkit on moto, Slack and Macie stand-ins)', () => {
  const slack = new SlackStandIn();
  const macie = new MacieStandIn({ publishClassificationFindings: true });
  const project = tempProject('deploy');
  const stack = `Setup${uniqueName('x').slice(2)}`;
  const secretId = uniqueName('macie-remediate/slack');
  let env: Record<string, string | undefined>;
  let appId: string;

  beforeAll(async () => {
    await slack.start();
    await macie.start();
    writeStandInProject(project.dir);
    env = useMotoEnvironment({
      SLACK_API_URL: slack.apiUrl,
      SLACK_APP_CONFIG_TOKEN: SLACK_DEFAULTS.appConfigToken,
      AWS_ENDPOINT_URL_MACIE2: macie.url,
    });
    const init = await runCli(
      [
        'init',
        '--yes',
        '--stack',
        stack,
        '--secret-id',
        secretId,
        '--slack-channel',
        'macie-findings',
        '--source-bucket',
        '*',
        '--json',
      ],
      { env, cwd: project.dir },
    );
    appId = JSON.parse(init.stdout).slackApp.appId;
    const installed = { ...env, SLACK_BOT_TOKEN: slack.installApp(appId) };
    await runCli(['init', '--yes'], { env: installed, cwd: project.dir });
  }, 60_000);

  afterAll(async () => {
    await slack.stop();
    await macie.stop();
    project.remove();
  });

  it('deploys through the CDK toolkit, prints and remembers the outputs, and sets the Slack Request URL', async () => {
    // Prepare
    slack.reset();

    // Act
    const run = await runCli(['deploy', '--yes', ...DIRECT], { env, cwd: project.dir });

    // Assess
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(await stackStatus(stack)).toBe('CREATE_COMPLETE');
    expect(run.stderr).toContain(`Synthesizing ${stack}`);
    expect(run.stderr).toMatch(new RegExp(`${stack}.*CREATE_COMPLETE`));
    expect(run.stdout).toContain(`ApiUrl                          ${API_URL}`);
    const remembered = readJson(join(project.dir, 'cdk.outputs.json'))[stack];
    expect(remembered).toMatchObject({ ApiUrl: API_URL, QuarantineBucketName: `${stack.toLowerCase()}-quarantine` });
    expect(slack.calls().map((call) => call.method)).toEqual([
      'apps.manifest.export',
      'apps.manifest.validate',
      'apps.manifest.update',
    ]);
    expect(slack.calls('apps.manifest.update')[0]?.args.app_id).toBe(appId);
    expect(slack.interactivityUrl).toBe(API_URL);
    const manifest = readJson(join(project.dir, 'slack-app-manifest.json'));
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: API_URL });
  }, 60_000);

  it('deploy --dry-run compares with the deployed template when AWS answers', async () => {
    // Act
    const run = await runCli(['deploy', '--dry-run', '--json'], { env, cwd: project.dir });

    // Assess
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'dry-run', stack, against: 'deployed', changes: 0 });
  }, 60_000);

  it('status: every check holds, one line each, exit 0', async () => {
    // Act
    const text = await runCli(['status'], { env, cwd: project.dir });
    const json = await runCli(['status', '--json'], { env, cwd: project.dir });

    // Assess
    expect({ code: text.code, stdout: text.stdout }).toMatchObject({ code: 0 });
    expect(text.stdout.split('\n').slice(0, 7)).toEqual([
      expect.stringMatching(/^ok {3}credentials {8}account 111122223333 .* Region us-east-1$/),
      'ok   macie              enabled in us-east-1',
      'ok   security-hub       Macie publishes sensitive-data findings to Security Hub',
      `ok   stack              ${stack} CREATE_COMPLETE, API ${API_URL}`,
      `ok   secret             ${secretId} holds signingSecret, botToken`,
      'ok   slack-token        valid: workspace T0LOCAL001, bot user U0BOT00001',
      `ok   interactivity-url  Slack app ${appId} sends clicks to ${API_URL}`,
    ]);
    expect(JSON.parse(json.stdout).map((c: { check: string; ok: boolean }) => [c.check, c.ok])).toEqual([
      ['credentials', true],
      ['macie', true],
      ['security-hub', true],
      ['stack', true],
      ['secret', true],
      ['slack-token', true],
      ['interactivity-url', true],
    ]);
  });

  it('status: says what is wrong (Macie off, token refused, Request URL elsewhere), exit 1', async () => {
    // Prepare
    const secretValue = readJson(join(project.dir, 'cdk.json')).context.secretId;
    macie.setStatus('DISABLED');
    await motoSecrets().send(
      new PutSecretValueCommand({
        SecretId: secretValue,
        SecretString: JSON.stringify({ signingSecret: slack.signingSecret, botToken: 'xoxb-revoked-token' }),
      }),
    );
    const config = new WebClient(SLACK_DEFAULTS.appConfigToken, { slackApiUrl: slack.apiUrl });
    const exported = await config.apiCall('apps.manifest.export', { app_id: appId });
    const manifest = (exported as unknown as { manifest: { settings: Record<string, unknown> } }).manifest;
    const elsewhere = 'https://old.example.com/slack/actions';
    await config.apiCall('apps.manifest.update', {
      app_id: appId,
      manifest: {
        ...manifest,
        settings: { ...manifest.settings, interactivity: { is_enabled: true, request_url: elsewhere } },
      },
    });

    // Act
    const run = await runCli(['status'], { env, cwd: project.dir });
    const withoutToken = await runCli(['status', '--json'], {
      env: { ...env, SLACK_APP_CONFIG_TOKEN: undefined },
      cwd: project.dir,
    });

    // Assess
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'FAIL macie              not enabled in us-east-1: enable it (aws macie2 enable-macie',
    );
    expect(run.stdout).toContain('FAIL slack-token        Slack auth.test failed: invalid_auth');
    expect(run.stdout).toContain(
      `FAIL interactivity-url  Slack app ${appId} sends clicks to ${elsewhere}, not ${API_URL}`,
    );
    expect(run.stdout).toContain('FAIL security-hub       not checked: Macie is not ready (see macie)');
    expect(run.stdout).toContain('4 of 7 checks failed.');
    expect(JSON.parse(withoutToken.stdout)[6]).toEqual({
      check: 'interactivity-url',
      ok: true,
      skipped: true,
      detail: `cannot be checked without SLACK_APP_CONFIG_TOKEN: it must be ${API_URL}`,
    });

    // Restore the working set-up for the next steps
    macie.setStatus('ENABLED');
    await runCli(['init', '--yes'], { env: { ...env, SLACK_BOT_TOKEN: slack.installApp(appId) }, cwd: project.dir });
    await runCli(['deploy', ...DIRECT], { env, cwd: project.dir });
  }, 60_000);

  it('destroy: asks for --yes without a terminal; deletes the stack, keeps the quarantine bucket and says so', async () => {
    // Act
    const unconfirmed = await runCli(['destroy'], { env, cwd: project.dir });
    const stillThere = await stackStatus(stack);
    const run = await runCli(['destroy', '--yes'], { env, cwd: project.dir });
    const status = await runCli(['status'], { env, cwd: project.dir });

    // Assess
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toContain(`destroy deletes the stack ${stack}: confirm with --yes`);
    expect(stillThere).toBe('CREATE_COMPLETE');
    expect(run.code).toBe(0);
    const bucket = `${stack.toLowerCase()}-quarantine`;
    expect(run.stdout).toContain(`Deleted the stack ${stack}.`);
    expect(run.stdout).toContain(`Kept on purpose: the quarantine bucket ${bucket} with the quarantined objects`);
    await expect(stackStatus(stack)).rejects.toThrow(/does not exist/);
    await expect(motoS3().send(new HeadBucketCommand({ Bucket: bucket }))).resolves.toBeDefined();
    expect(readJson(join(project.dir, 'cdk.outputs.json'))[stack]).toBeUndefined();
    expect(status.code).toBe(1);
    expect(status.stdout).toContain(`FAIL stack              ${stack} is not deployed: run macie-remediate deploy`);
  }, 60_000);

  it('destroy answers plainly when there is nothing to delete', async () => {
    // Act
    const absent = await runCli(['destroy'], { env, cwd: project.dir });

    // Assess
    expect(absent).toMatchObject({ code: 0, stdout: `The stack ${stack} does not exist: nothing to delete.\n` });
  });
});

describe('Command: deploy, before anything can be deployed', () => {
  let project: ReturnType<typeof tempProject>;

  beforeEach(() => {
    project = tempProject('deploy-unready');
  });

  afterEach(() => project.remove());

  it('says plainly how to bootstrap when the account and Region lack the CDK bootstrap stack', async () => {
    // Prepare
    const stack = `Unbootstrapped${uniqueName('x').slice(2)}`;
    writeStandInProject(project.dir, { stackName: stack, standInBootstrap: true });
    const env = useMotoEnvironment();

    // Act
    const run = await runCli(['deploy', ...DIRECT], { env, cwd: project.dir });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('us-east-1 of account 111122223333 is not bootstrapped for the CDK');
    expect(run.stderr).toContain('npx cdk bootstrap aws://111122223333/us-east-1');
    await expect(stackStatus(stack)).rejects.toThrow(/does not exist/);
  }, 60_000);

  it('asks for init first when there is no cdk.json', async () => {
    // Act
    const run = await runCli(['deploy'], { env: useMotoEnvironment(), cwd: project.dir });

    // Assess
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('run macie-remediate init first');
  });
});

describe('Command: deploy asks before it widens IAM permissions (stand-in app with a role, on moto)', () => {
  /** The question comes after synthesis, which takes seconds on a busy machine. */
  const SYNTH_TIMEOUT = 45_000;

  let project: ReturnType<typeof tempProject>;
  let stack: string;

  beforeEach(() => {
    project = tempProject('deploy-iam');
    stack = `Iam${uniqueName('x').slice(2)}`;
    writeStandInProject(project.dir, { stackName: stack });
  });

  afterEach(() => project.remove());

  it('without a terminal and without --yes: exit 2 saying to review with --dry-run and rerun with --yes; nothing deployed', async () => {
    // Act
    const run = await runCli(['deploy', ...DIRECT], { env: useMotoEnvironment(), cwd: project.dir });

    // Assess
    expect({ code: run.code, stdout: run.stdout }).toEqual({ code: 2, stdout: '' });
    expect(run.stderr).toContain(
      `error: deploy widens the IAM permissions of ${stack} and there is no terminal to ask on: ` +
        'review them with macie-remediate deploy --dry-run, then rerun with --yes\n',
    );
    await expect(stackStatus(stack)).rejects.toThrow(/does not exist/);
  }, 60_000);

  it('on a terminal: shows the IAM changes and asks; answering no deploys nothing (exit 2)', async () => {
    // Prepare
    const terminal = new Terminal();

    // Act
    const done = terminal.run(['deploy', ...DIRECT], { env: useMotoEnvironment(), cwd: project.dir });
    const question = await terminal.answer(`Deploy ${stack} with these IAM changes?`, `n${KEYS.enter}`, SYNTH_TIMEOUT);
    const run = await done;

    // Assess
    expect(question).toContain('IAM Statement Changes');
    expect(question).toContain('s3:GetObject');
    expect(run.code).toBe(2);
    expect(terminal.stderr.text).toContain('error: Cancelled: nothing deployed');
    await expect(stackStatus(stack)).rejects.toThrow(/does not exist/);
  }, 60_000);

  it('on a terminal: yes deploys', async () => {
    // Prepare
    const terminal = new Terminal();

    // Act
    const done = terminal.run(['deploy', ...DIRECT], { env: useMotoEnvironment(), cwd: project.dir });
    await terminal.answer(`Deploy ${stack} with these IAM changes?`, `y${KEYS.enter}`, SYNTH_TIMEOUT);
    const run = await done;

    // Assess
    expect(run.code).toBe(0);
    expect(await stackStatus(stack)).toBe('CREATE_COMPLETE');
  }, 60_000);

  it('refuses a cdk.json that does not choose the source buckets: exit 2, before synthesis', async () => {
    // Prepare
    writeStandInProject(project.dir, { stackName: stack, sourceBuckets: [] });

    // Act
    const run = await runCli(['deploy', '--yes', ...DIRECT], { env: useMotoEnvironment(), cwd: project.dir });

    // Assess
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe(`error: Invalid configuration: ${NO_SOURCE_BUCKETS}\n`);
    await expect(stackStatus(stack)).rejects.toThrow(/does not exist/);
  }, 60_000);
});
