import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { motoSecrets, uniqueName } from '../../support/aws';
import { runCli } from '../support/captured-io';
import { tempProject, useMotoEnvironment } from '../support/setup-env';

const API_URL = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/slack/actions';

const secrets = motoSecrets();
const readSecret = async (id: string) =>
  JSON.parse((await secrets.send(new GetSecretValueCommand({ SecretId: id }))).SecretString ?? '{}');
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('Command: init with SLACK_APP_CONFIG_TOKEN (the Slack app made through apps.manifest.*)', () => {
  const slack = new SlackStandIn();
  const strictSlack = new SlackStandIn({ allowLoopbackHttp: false });
  let project: ReturnType<typeof tempProject>;
  let secretId: string;
  const slackEnv = (standIn: SlackStandIn, vars: Record<string, string> = {}) =>
    useMotoEnvironment({
      SLACK_API_URL: standIn.apiUrl,
      SLACK_APP_CONFIG_TOKEN: SLACK_DEFAULTS.appConfigToken,
      ...vars,
    });

  beforeAll(async () => {
    await slack.start();
    await strictSlack.start();
  });

  afterAll(async () => {
    await slack.stop();
    await strictSlack.stop();
  });

  beforeEach(() => {
    slack.reset();
    project = tempProject('init-app');
    secretId = uniqueName('macie-remediate/slack');
  });

  afterEach(() => project.remove());

  it('validates and creates the app, stores its signing secret and names the app in cdk.json', async () => {
    // Prepare
    const env = slackEnv(slack);

    // Act
    const run = await runCli(
      ['init', '--yes', '--slack-channel', 'macie-findings', '--source-bucket', '*', '--secret-id', secretId, '--json'],
      {
        env,
        cwd: project.dir,
      },
    );

    // Assess
    expect(run.code).toBe(0);
    expect(slack.calls().map((call) => call.method)).toEqual(['apps.manifest.validate', 'apps.manifest.create']);
    const created = slack.calls('apps.manifest.create')[0];
    expect(created?.token).toBe(SLACK_DEFAULTS.appConfigToken);
    expect(created?.args.manifest).toEqual(readJson(join(project.dir, 'slack-app-manifest.json')));
    const result = JSON.parse(run.stdout);
    expect(result.slackApp).toMatchObject({
      action: 'created',
      installUrl: expect.stringContaining('/oauth/v2/authorize'),
    });
    expect(readJson(join(project.dir, 'cdk.json')).context.slackAppId).toBe(result.slackApp.appId);
    expect(await readSecret(secretId)).toEqual({ signingSecret: slack.signingSecret });
    expect(result.nextSteps[0]).toContain(result.slackApp.installUrl);
    expect(run.stdout + run.stderr).not.toContain(slack.signingSecret);
  });

  it('updates the same app when run again, adding the bot token Slack issued at install', async () => {
    // Prepare
    const env = slackEnv(slack);
    const first = await runCli(['init', '--yes', '--source-bucket', '*', '--secret-id', secretId, '--json'], {
      env,
      cwd: project.dir,
    });
    const { appId } = JSON.parse(first.stdout).slackApp;
    const botToken = slack.installApp(appId);
    writeFileSync(join(project.dir, 'cdk.outputs.json'), JSON.stringify({ MacieRemediate: { ApiUrl: API_URL } }));
    slack.reset();

    // Act
    const again = await runCli(['init', '--yes', '--json'], {
      env: slackEnv(slack, { SLACK_BOT_TOKEN: botToken }),
      cwd: project.dir,
    });

    // Assess
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).slackApp).toEqual({ appId, action: 'updated' });
    expect(slack.calls().map((call) => call.method)).toEqual([
      'apps.manifest.export',
      'apps.manifest.validate',
      'apps.manifest.update',
    ]);
    expect(slack.interactivityUrl).toBe(API_URL);
    expect(await readSecret(secretId)).toEqual({ signingSecret: slack.signingSecret, botToken });
    expect(JSON.parse(again.stdout).nextSteps).toEqual(['Deploy the stack: macie-remediate deploy']);
  });

  it("reports Slack's own manifest problems with their pointers: exit 2, nothing written", async () => {
    // Prepare
    const env = slackEnv(strictSlack);
    writeFileSync(
      join(project.dir, 'cdk.outputs.json'),
      JSON.stringify({ MacieRemediate: { ApiUrl: 'http://127.0.0.1:3000/slack/actions' } }),
    );

    // Act
    const run = await runCli(['init', '--yes', '--source-bucket', '*', '--secret-id', secretId], {
      env,
      cwd: project.dir,
    });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Slack rejected the app manifest (apps.manifest.validate):');
    expect(run.stderr).toContain('/settings/interactivity/request_url: must be a valid HTTPS URL');
    expect(strictSlack.calls('apps.manifest.create')).toEqual([]);
    expect(() => readFileSync(join(project.dir, 'cdk.json'))).toThrow();
  });

  it('says plainly when Slack refuses the configuration token', async () => {
    // Prepare
    const env = slackEnv(slack, { SLACK_APP_CONFIG_TOKEN: 'xoxe.xoxp-1-expired-or-revoked' });

    // Act
    const run = await runCli(['init', '--yes', '--source-bucket', '*', '--secret-id', secretId], {
      env,
      cwd: project.dir,
    });

    // Assess
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Slack did not accept SLACK_APP_CONFIG_TOKEN (invalid_auth)');
    expect(run.stderr).not.toContain('xoxe.xoxp-1-expired-or-revoked');
  });
});
