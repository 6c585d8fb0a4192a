import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, RemediateError } from '../../core/errors';
import { createApp } from '../../infra/app';
import { findLegacySecretKeys, legacySecretWarning } from '../../infra/legacy-secrets';
import { readStackConfig } from '../../infra/stack-config';
import { REPO_ROOT } from './support/template';

const reader =
  (context: Record<string, unknown>) =>
  (key: string): unknown =>
    context[key];

describe('readStackConfig', () => {
  it('falls back to the defaults for an empty context', () => {
    // Prepare / Act
    const config = readStackConfig(reader({}));
    // Assess
    expect(config).toEqual({
      stackName: 'MacieRemediate',
      secretId: 'macie-remediate/slack',
      autoRemediateConfig: {
        'SensitiveData:S3Object/Credentials': 'AUTO',
        'SensitiveData:S3Object/CustomIdentifier': 'REVIEW',
        'SensitiveData:S3Object/Financial': 'AUTO',
        'SensitiveData:S3Object/Multiple': 'REVIEW',
        'SensitiveData:S3Object/Personal': 'REVIEW',
      },
      minSeverity: 'LOW',
      slackChannel: undefined,
      slackTeamId: undefined,
      slackApprovers: [],
      slackApproverGroups: [],
      sourceBuckets: [],
      sourceKmsKeyArns: [],
      breakGlassRoleArn: undefined,
      remediatorConcurrency: 10,
      logRetentionDays: 90,
      tracing: false,
      apiRateLimit: 10,
      apiBurstLimit: 20,
    });
  });

  it("reads the original solution's keys, any case, through the shared settings loader", () => {
    const config = readStackConfig(
      reader({
        autoRemediateConfig: {
          'SensitiveData:S3Object/Credentials': 'auto',
          'SensitiveData:S3Object/Personal': 'REVIEW',
        },
        minSeverityLevel: 'medium',
        slackChannel: 'security-alerts',
      }),
    );
    expect(config.autoRemediateConfig).toMatchObject({
      'SensitiveData:S3Object/Credentials': 'AUTO',
      'SensitiveData:S3Object/Personal': 'REVIEW',
    });
    expect(config.minSeverity).toBe('MEDIUM');
    expect(config.slackChannel).toBe('security-alerts');
  });

  it('accepts the strings `cdk -c key=value` produces', () => {
    const config = readStackConfig(
      reader({
        sourceBuckets: 'a-bucket, b-bucket',
        slackApprovers: '["U01ABCDEF", "S0GROUPID"]',
        autoRemediateConfig: '{"SensitiveData:S3Object/Financial":"IGNORE"}',
        remediatorConcurrency: '5',
        tracing: 'true',
      }),
    );
    expect(config.sourceBuckets).toEqual(['a-bucket', 'b-bucket']);
    expect(config.slackApprovers).toEqual(['U01ABCDEF']);
    expect(config.slackApproverGroups).toEqual(['S0GROUPID']);
    expect(config.autoRemediateConfig).toMatchObject({ 'SensitiveData:S3Object/Financial': 'IGNORE' });
    expect(config.remediatorConcurrency).toBe(5);
    expect(config.tracing).toBe(true);
  });

  it('lists every problem in one configuration error', () => {
    const read = reader({
      minSeverityLevel: 'CRITICAL',
      autoRemediateConfig: { 'SensitiveData:S3Object/Personal': 'DELETE' },
      sourceBuckets: ['Not_A_Bucket'],
      breakGlassRoleArn: 'admin',
      sourceKmsKeyArns: ['arn:aws:kms:eu-west-1:111122223333:alias/s3'],
      remediatorConcurrency: 0,
      logRetentionDays: 42,
    });
    let error: unknown;
    try {
      readStackConfig(read);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect(RemediateError.isUserError(error)).toBe(true);
    const problems = (error as ConfigError).problems.join('\n');
    for (const key of [
      'minSeverityLevel',
      'autoRemediateConfig',
      'sourceBuckets',
      'breakGlassRoleArn',
      'sourceKmsKeyArns',
      'remediatorConcurrency',
      'logRetentionDays',
    ]) {
      expect(problems).toContain(`"${key}"`);
    }
  });

  it('stops the app before any synthesis when the context is invalid', () => {
    expect(() => createApp({ context: { minSeverityLevel: 'nope' }, nag: false })).toThrow(ConfigError);
  });
});

describe('bin/cdk-app.ts', () => {
  it('prints the problems and exits 2 on a configuration error, without a stack trace', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'macie-remediate-bad-config-'));
    try {
      // The CDK CLI hands context to the app through CDK_CONTEXT_JSON.
      const result = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['bin/cdk-app.ts'], {
        cwd: REPO_ROOT,
        env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ minSeverityLevel: 'nope' }), CDK_OUTDIR: outdir },
        encoding: 'utf8',
      });
      expect(result.status).toBe(2);
      expect(result.stderr).toContain('"minSeverityLevel"');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('legacy plaintext secrets', () => {
  it("finds the original solution's keys, but not its placeholder", () => {
    const read = reader({ slackSigningSecret: 's3cr3t', slackWebHookUrl: 'UPDATE-THIS', slackChannel: 'C1' });
    expect(findLegacySecretKeys(read)).toEqual(['slackSigningSecret']);
  });

  it('names the key and the secret in the warning, never the value', () => {
    const warning = legacySecretWarning('slackSigningSecret', 'macie-remediate/slack');
    expect(warning).toContain('"slackSigningSecret"');
    expect(warning).toContain('"macie-remediate/slack"');
    expect(warning).toContain('macie-remediate init');
  });
});
