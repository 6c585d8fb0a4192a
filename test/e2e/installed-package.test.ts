import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SlackStandIn } from '../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../local/slack/slack-defaults';
import { stopDetachedStack } from '../../local/stack/detached-stack';
import { version } from '../../package.json';
import { OFFLINE } from '../cli/support/setup-env';
import { motoEnv, uniqueName } from '../support/aws';
import { type InstalledPackage, packAndInstall } from '../support/installed-package';
import { runBin } from '../support/run-bin';

interface LambdaProperties {
  readonly Description: string;
  readonly Handler: string;
  readonly Runtime: string;
  readonly Architectures: string[];
  readonly Code: { readonly S3Key: string };
}

/**
 * The release as a user gets it: `npm pack`, the tarball installed into an empty prefix, and its command run
 * outside the repository (a temporary directory, HOME in another) on node alone: the demo, `local up` and `down`,
 * then init against the Slack stand-in and moto, and deploy --dry-run synthesizing the packaged CDK app with its
 * prebuilt Lambdas.
 */
describe('the installed package (npm pack, installed into an empty prefix, run outside the repository)', () => {
  const slack = new SlackStandIn();
  let work: string;
  let project: string;
  let home: string;
  let stateDir: string;
  let installed: InstalledPackage;
  const installedBin = (args: readonly string[], env: Record<string, string> = {}) =>
    runBin(args, { env: { ...OFFLINE, HOME: home, ...env }, cwd: project, bin: installed.bin });

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'macie-remediate-package-'));
    project = join(work, 'project');
    home = join(work, 'home');
    stateDir = join(home, 'state');
    mkdirSync(project);
    mkdirSync(home);
    await slack.start();
    installed = packAndInstall(work);
  }, 240_000);

  afterAll(async () => {
    // Whatever a failed assertion left running.
    await stopDetachedStack(stateDir);
    await slack.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it('holds compiled JavaScript, the prebuilt Lambdas and no sources or tests; no TypeScript toolchain is installed', () => {
    // Assess
    expect(installed.files).toContain('bin/macie-remediate.js');
    expect(installed.files).toContain('dist/cli/main.js');
    expect(installed.files).toContain('dist/bin/cdk-app.js');
    for (const fn of ['finding-handler', 'remediation-handler', 'remediator', 'reconciler', 'audit-archiver'])
      expect(installed.files).toContain(`dist/lambda-assets/${fn}/index.js`);
    expect(installed.files.filter((file) => file.endsWith('.ts') || /(^|\/)test\//.test(file))).toEqual([]);
    const toolchain = ['tsx', 'typescript', 'esbuild'].filter((name) =>
      existsSync(join(installed.root, 'node_modules', name)),
    );
    expect(toolchain).toEqual([]);
  });

  it('answers --version', async () => {
    // Act
    const run = await installedBin(['--version']);

    // Assess
    expect({ code: run.code, stdout: run.stdout.trim(), stderr: run.stderr }).toEqual({
      code: 0,
      stdout: version,
      stderr: '',
    });
  });

  it('runs the demo', async () => {
    // Act
    const run = await installedBin(['demo']);

    // Assess
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/Demo passed: (\d+) of \1 steps checked out/);
  });

  it('starts a local stack that outlives the command (its compiled entry), and stops it', async () => {
    // Act
    const up = await installedBin(['local', 'up', '--state-dir', stateDir, '--json']);
    const down = await installedBin(['local', 'down', '--state-dir', stateDir]);

    // Assess
    expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: expect.stringContaining('(pid ') });
    expect(JSON.parse(up.stdout)).toMatchObject({
      AWS_ENDPOINT_URL_S3: expect.stringMatching(/^http:\/\/127\.0\.0\.1:/),
    });
    expect(down.code).toBe(0);
    expect(existsSync(join(stateDir, 'state.json'))).toBe(false);
  });

  it('init --yes writes the packaged app into cdk.json; deploy --dry-run synthesizes it with the prebuilt Lambdas', async () => {
    // Prepare
    const moto = {
      ...motoEnv(),
      SLACK_API_URL: slack.apiUrl,
      SLACK_APP_CONFIG_TOKEN: SLACK_DEFAULTS.appConfigToken,
    };
    const init = await installedBin(
      [
        'init',
        '--yes',
        '--slack-channel',
        'macie-findings',
        '--source-bucket',
        'finance-data',
        '--secret-id',
        uniqueName('macie-remediate/slack'),
      ],
      moto,
    );

    // Act
    const run = await installedBin(['deploy', '--dry-run', '--json']);

    // Assess
    expect({ code: init.code, stderr: init.stderr }).toEqual({
      code: 0,
      stderr: expect.stringMatching(/^Slack app \w+ created\.\n$/),
    });
    const cdkJson = JSON.parse(readFileSync(join(project, 'cdk.json'), 'utf8'));
    expect(cdkJson.app).toBe(`node "${join(installed.root, 'dist', 'bin', 'cdk-app.js')}"`);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout)).toMatchObject({ kind: 'dry-run', stack: 'MacieRemediate', against: 'empty' });
    const template = JSON.parse(readFileSync(join(project, 'cdk.out', 'MacieRemediate.template.json'), 'utf8'));
    const ours = Object.values(template.Resources as Record<string, { Type: string; Properties: LambdaProperties }>)
      .filter(
        ({ Type, Properties }) => Type === 'AWS::Lambda::Function' && /^macie-remediate:/.test(Properties.Description),
      )
      .map(({ Properties }) => Properties);
    expect(ours.length).toBeGreaterThanOrEqual(4);
    for (const { Handler, Runtime, Architectures } of ours)
      expect({ Handler, Runtime, Architectures }).toEqual({
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
      });
    // Each function's code is one of the bundles npm pack built, as it is: nothing was bundled at synth.
    const prebuilt = readdirSync(join(installed.root, 'dist', 'lambda-assets')).map((name) =>
      readFileSync(join(installed.root, 'dist', 'lambda-assets', name, 'index.js'), 'utf8'),
    );
    for (const { Code } of ours) {
      const asset = join(project, 'cdk.out', `asset.${Code.S3Key.replace(/\.zip$/, '')}`, 'index.js');
      expect(prebuilt).toContain(readFileSync(asset, 'utf8'));
    }
  });
});
