import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { NO_SOURCE_BUCKETS } from '../../core/config';
import { ConfigError, RemediateError } from '../../core/errors';
import { createApp } from '../../infra/app';
import { findLegacySecretKeys, legacySecretWarning } from '../../infra/legacy-secrets';
import { readStackConfig } from '../../infra/stack-config';
import { cdkJsonContext, REPO_ROOT } from './support/template';

const reader =
  (context: Record<string, unknown>) =>
  (key: string): unknown =>
    context[key];

describe('readStackConfig', () => {
  it('falls back to the defaults for a context that only chooses the source buckets', () => {
    // Prepare / Act
    const config = readStackConfig(reader({ sourceBuckets: ['*'] }));
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
      remediationActions: {},
      exemptTag: 'macie-remediate:exempt',
      exemptPrefixes: {},
      minSeverity: 'LOW',
      slackChannel: undefined,
      slackTeamId: undefined,
      slackApprovers: [],
      slackApproverGroups: [],
      sourceBuckets: ['*'],
      sourceKmsKeyArns: [],
      breakGlassRoleArn: undefined,
      remediatorConcurrency: 10,
      logRetentionDays: 90,
      tracing: false,
      quarantineObjectLock: false,
      apiRateLimit: 10,
      apiBurstLimit: 20,
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
        sourceBuckets: ['*'],
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

  it.each([
    ['the stock cdk.json', cdkJsonContext()],
    ['no sourceBuckets at all', {}],
    ['an empty `cdk -c` string', { sourceBuckets: '' }],
  ])('refuses an empty source bucket list (%s): every bucket must be chosen with ["*"]', (_, context) => {
    expect(() => readStackConfig(reader(context))).toThrow(
      expect.objectContaining({ problems: [NO_SOURCE_BUCKETS] }) as unknown as Error,
    );
  });

  it('takes ["*"] for every bucket, alone only', () => {
    expect(readStackConfig(reader({ sourceBuckets: '*' })).sourceBuckets).toEqual(['*']);
    expect(() => readStackConfig(reader({ sourceBuckets: ['*', 'finance-data'] }))).toThrow(
      expect.objectContaining({
        problems: [
          'source bucket "*" from cdk.json context "sourceBuckets": "*" (every bucket) must be the only entry',
        ],
      }) as unknown as Error,
    );
  });
});

describe('bin/cdk-app.ts', () => {
  it('prints the problems and exits 2 on a configuration error, without a stack trace', () => {
    const outdir = mkdtempSync(path.join(tmpdir(), 'macie-remediate-bad-config-'));
    try {
      // The CDK CLI hands context to the app through CDK_CONTEXT_JSON.
      const result = spawnSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['bin/cdk-app.ts'], {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          CDK_CONTEXT_JSON: JSON.stringify({ minSeverityLevel: 'nope', sourceBuckets: ['*'] }),
          CDK_OUTDIR: outdir,
        },
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

describe('npx cdk synth', () => {
  it('fails on the stock cdk.json with one clear line about sourceBuckets, no stack trace', () => {
    const project = mkdtempSync(path.join(tmpdir(), 'macie-remediate-stock-'));
    try {
      const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
      const app = `"${tsx}" "${path.join(REPO_ROOT, 'bin', 'cdk-app.ts')}"`;
      writeFileSync(path.join(project, 'cdk.json'), JSON.stringify({ app, context: cdkJsonContext() }));
      const cdk = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk');
      const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
      const result = spawnSync(cdk, ['synth', '--no-notices'], {
        cwd: project,
        env: { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_EC2_METADATA_DISABLED: 'true', CI: 'true' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      expect(result.status).not.toBe(0);
      expect(result.stderr.split('\n').filter((line) => line.includes('"sourceBuckets"'))).toEqual([
        `  - ${NO_SOURCE_BUCKETS}`,
      ]);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout).toBe('');
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 150_000);
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
