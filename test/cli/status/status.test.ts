import { Macie2Client, PutFindingsPublicationConfigurationCommand } from '@aws-sdk/client-macie2';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { MacieStandIn } from '../../../local/macie/MacieStandIn';
import { motoSecrets, uniqueName } from '../../support/aws';
import { runCli } from '../support/captured-io';
import { tempProject, useEnvironment, useMotoEnvironment } from '../support/setup-env';

type Check = { check: string; ok: boolean; detail: string; skipped?: boolean };
const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };

/** Each missing piece of a set-up, as status reports it (the complete set-up is in deploy.test.ts). */
describe('Command: status (doctor) on an incomplete set-up', () => {
  const macie = new MacieStandIn();
  const project = tempProject('status');

  beforeAll(() => macie.start());

  afterAll(async () => {
    await macie.stop();
    project.remove();
  });

  const status = async (env: Record<string, string | undefined>, ...args: string[]) => {
    const run = await runCli(['status', '--json', ...args], { env, cwd: project.dir });
    return { code: run.code, checks: JSON.parse(run.stdout) as Check[] };
  };
  const detail = (checks: Check[], name: string) => checks.find((c) => c.check === name);

  it('without a Region: says so, and that the AWS checks could not run', async () => {
    // Act
    const { code, checks } = await status(useEnvironment({ AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'x' }));

    // Assess
    expect(code).toBe(1);
    expect(checks.map((c) => [c.check, c.ok])).toEqual([
      ['credentials', false],
      ['macie', false],
      ['security-hub', false],
      ['stack', false],
      ['secret', false],
      ['slack-token', false],
      ['interactivity-url', false],
    ]);
    expect(checks[0]?.detail).toBe('no AWS Region: set AWS_REGION, --region or a region in the profile');
    expect(checks[1]?.detail).toMatch(/^not checked/);
  });

  it('names what is missing: the stack, the secret, then an incomplete secret', async () => {
    // Prepare
    const env = useMotoEnvironment({ AWS_ENDPOINT_URL_MACIE2: macie.url });
    const secretId = uniqueName('macie-remediate/slack');
    const stack = `Missing${uniqueName('x').slice(2)}`;

    // Act
    const absent = await status(env, '--stack', stack, '--secret-id', secretId);
    await motoSecrets().send(
      new CreateSecretCommand({
        Name: secretId,
        SecretString: JSON.stringify({ webhookUrl: 'https://hooks.example/x' }),
      }),
    );
    const incomplete = await status(env, '--stack', stack, '--secret-id', secretId);

    // Assess
    expect(absent.code).toBe(1);
    expect(detail(absent.checks, 'credentials')).toMatchObject({ ok: true });
    expect(detail(absent.checks, 'macie')).toEqual({ check: 'macie', ok: true, detail: 'enabled in us-east-1' });
    expect(detail(absent.checks, 'stack')?.detail).toBe(`${stack} is not deployed: run macie-remediate deploy`);
    expect(detail(absent.checks, 'secret')?.detail).toBe(`${secretId} not found: run macie-remediate init`);
    expect(detail(absent.checks, 'slack-token')?.detail).toBe('no bot token in the secret: nothing to check');
    expect(detail(absent.checks, 'interactivity-url')?.detail).toBe('no deployed API to send clicks to');
    expect(detail(incomplete.checks, 'secret')?.detail).toBe(
      `${secretId} lacks signingSecret: run macie-remediate init`,
    );
    expect(detail(incomplete.checks, 'slack-token')).toMatchObject({ ok: true, skipped: true });
  });

  describe('with securityHub on, whether Macie publishes sensitive-data findings to Security Hub', () => {
    const env = () => useMotoEnvironment({ AWS_ENDPOINT_URL_MACIE2: macie.url });
    const publish = (publishClassificationFindings: boolean, publishPolicyFindings: boolean) => {
      const client = new Macie2Client({ endpoint: macie.url, region: 'us-east-1', credentials, maxAttempts: 1 });
      return client
        .send(
          new PutFindingsPublicationConfigurationCommand({
            securityHubConfiguration: { publishClassificationFindings, publishPolicyFindings },
          }),
        )
        .finally(() => client.destroy());
    };

    it('holds when Macie publishes them', async () => {
      // Prepare
      await publish(true, true);

      // Act
      const { checks } = await status(env());

      // Assess
      expect(detail(checks, 'security-hub')).toEqual({
        check: 'security-hub',
        ok: true,
        detail: 'Macie publishes sensitive-data findings to Security Hub',
      });
    });

    it('fails with the awscli fix when it does not, keeping policy findings as they are (exit 1); off: not asked', async () => {
      // Prepare
      await publish(false, false);

      // Act
      const { code, checks } = await status(env());
      macie.clearRequests();
      const off = await status({ ...env(), MACIE_REMEDIATE_SECURITY_HUB: 'false' });

      // Assess
      expect(code).toBe(1);
      expect(detail(checks, 'security-hub')).toEqual({
        check: 'security-hub',
        ok: false,
        detail:
          'Macie does not publish sensitive-data findings to Security Hub, so there is nothing there to update: ' +
          'aws macie2 put-findings-publication-configuration --security-hub-configuration publishClassificationFindings=true,publishPolicyFindings=false',
      });
      expect(off.checks.map((c) => c.check)).not.toContain('security-hub');
      expect(macie.requests().map((r) => r.operation)).toEqual(['GetMacieSession']);
    });

    it('says which permission is missing when the read is denied, without failing', async () => {
      // Prepare
      macie.denyNext('GetFindingsPublicationConfiguration');

      // Act
      const { checks } = await status(env());

      // Assess
      expect(detail(checks, 'security-hub')).toMatchObject({
        ok: true,
        skipped: true,
        detail: expect.stringMatching(
          /^cannot be checked: the credentials may not call macie2:GetFindingsPublicationConfiguration \(User: /,
        ),
      });
    });
  });
});
