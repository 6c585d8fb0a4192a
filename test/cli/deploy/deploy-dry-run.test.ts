import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { uniqueName } from '../../support/aws';
import { runCli } from '../support/captured-io';
import { tempProject, useEnvironment, useMotoEnvironment } from '../support/setup-env';

/**
 * The real stack (bin/cdk-app.ts, esbuild-bundled Lambdas) synthesized through the CDK toolkit from a project
 * directory that init set up, with no AWS to reach: the change set is against an empty stack. One synth.
 */
describe('Command: deploy --dry-run (the real app, offline)', () => {
  const project = tempProject('dry-run');

  afterAll(() => project.remove());

  it('synthesizes offline and prints the change set against an empty stack; deploys nothing', async () => {
    // Prepare
    const secretId = uniqueName('macie-remediate/slack');
    const init = await runCli(
      [
        'init',
        '--yes',
        '--slack-channel',
        'macie-findings',
        '--source-bucket',
        'finance-data',
        '--secret-id',
        secretId,
      ],
      { env: useMotoEnvironment(), cwd: project.dir },
    );
    const offline = useEnvironment({});

    // Act
    const run = await runCli(['deploy', '--dry-run', '--json'], { env: offline, cwd: project.dir });

    // Assess
    expect(init.code).toBe(0);
    expect({ code: run.code, stderr: run.code === 0 ? '' : run.stderr }).toEqual({ code: 0, stderr: '' });
    const report = JSON.parse(run.stdout);
    expect(report).toMatchObject({ kind: 'dry-run', stack: 'MacieRemediate', against: 'empty' });
    expect(report.changes).toBeGreaterThan(30);
    for (const type of ['AWS::Lambda::Function', 'AWS::S3::Bucket', 'AWS::DynamoDB::Table', 'AWS::Events::Rule'])
      expect(report.diff).toContain(`[+] ${type}`);
    expect(report.diff).toContain('IAM Statement Changes');
    expect(run.stderr).toContain('Synthesizing MacieRemediate');
    expect(run.stderr).toContain('compared with an empty stack');
    expect(existsSync(join(project.dir, 'cdk.out', 'MacieRemediate.template.json'))).toBe(true);
    expect(existsSync(join(project.dir, 'cdk.outputs.json'))).toBe(false);
  }, 120_000);
});
