import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { LEGACY_SECRET_KEYS } from '../../infra/legacy-secrets';
import {
  allowedActions,
  asArray,
  cdkJsonContext,
  REPO_ROOT,
  type Statement,
  statementsOfType,
} from './support/template';

/**
 * One real `cdk synth` through the CDK CLI, offline and without AWS credentials, from a project
 * directory whose cdk.json still holds plaintext Slack secrets (as the original solution's did).
 * Every secret setting carries a marker; no marker may appear in any file of cdk.out (templates,
 * manifests, asset bundles, source maps) nor in the CLI's output.
 */
const MARKERS = Object.fromEntries(LEGACY_SECRET_KEYS.map((key, i) => [key, `MARKER-${key}-${i}-7f3a9c`]));
const BREAK_GLASS = 'arn:aws:iam::111122223333:role/BreakGlass';
const SOURCE_KEY = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

let project: string;
let outdir: string;
let result: ReturnType<typeof spawnSync>;

/** Every regular file below a directory. */
function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
}

/** The environment of a machine with no AWS credentials and no reason to phone home. */
function offlineEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('AWS_')));
  return { ...env, CDK_DISABLE_CLI_TELEMETRY: 'true', AWS_EC2_METADATA_DISABLED: 'true', CI: 'true' };
}

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'macie-remediate-project-'));
  outdir = path.join(project, 'cdk.out');
  const tsx = path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx');
  const cdkJson = {
    app: `"${tsx}" "${path.join(REPO_ROOT, 'bin', 'cdk-app.ts')}"`,
    context: {
      ...cdkJsonContext(),
      ...MARKERS,
      slackChannel: 'C0123456789',
      slackApprovers: ['U0123456789'],
      sourceBuckets: ['finance-data', 'hr-exports'],
      sourceKmsKeyArns: [SOURCE_KEY],
      breakGlassRoleArn: BREAK_GLASS,
      tracing: true,
    },
  };
  writeFileSync(path.join(project, 'cdk.json'), JSON.stringify(cdkJson, null, 2));
  const cdk = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk');
  result = spawnSync(cdk, ['synth', '--no-notices', '--output', outdir], {
    cwd: project,
    env: offlineEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
}, 150_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

const template = () => JSON.parse(readFileSync(path.join(outdir, 'MacieRemediate.template.json'), 'utf8'));

it('synthesizes through the CDK CLI with no credentials and no network', () => {
  expect({ status: result.status, stderr: result.status === 0 ? '' : result.stderr }).toEqual({
    status: 0,
    stderr: '',
  });
});

it('writes no secret value into any file of cdk.out, bundles included', () => {
  const files = walk(outdir);
  expect(files.some((f) => f.endsWith('index.js'))).toBe(true);
  const leaks = files.flatMap((file) => {
    const text = readFileSync(file, 'latin1');
    return Object.values(MARKERS)
      .filter((marker) => text.includes(marker))
      .map((marker) => `${path.relative(outdir, file)}: ${marker}`);
  });
  expect(leaks).toEqual([]);
});

it('prints no secret value', () => {
  const output = `${result.stdout}${result.stderr}`;
  for (const marker of Object.values(MARKERS)) expect(output).not.toContain(marker);
});

it('warns about each plaintext secret key, by name', () => {
  const manifest = JSON.parse(readFileSync(path.join(outdir, 'manifest.json'), 'utf8'));
  const { metadata, additionalMetadataFile } = manifest.artifacts.MacieRemediate;
  const extra = additionalMetadataFile
    ? JSON.parse(readFileSync(path.join(outdir, additionalMetadataFile), 'utf8'))
    : {};
  const entries = { ...metadata, ...extra } as Record<string, { type: string; data: unknown }[]>;
  const warnings = Object.values(entries)
    .flat()
    .filter((m) => m.type === 'aws:cdk:warning')
    .map((m) => String(m.data));
  for (const key of LEGACY_SECRET_KEYS) {
    expect(warnings.some((w) => w.includes(`"${key}"`) && w.includes('plaintext'))).toBe(true);
  }
  expect(result.stderr).toContain('slackSigningSecret');
});

it('narrows the remediator S3 grants to the configured source buckets', () => {
  const statements = statementsOfType(template(), 'AWS::IAM::Policy');
  const objects = statements.find((s) => s.Sid === 'SourceObjects');
  const buckets = statements.find((s) => s.Sid === 'SourceBuckets');
  const render = (value: unknown) => asArray(value).map((v) => JSON.stringify(v));
  expect(render(objects?.Resource)).toEqual([
    expect.stringContaining(':s3:::finance-data/*'),
    expect.stringContaining(':s3:::hr-exports/*'),
  ]);
  expect(render(buckets?.Resource)).toEqual([
    expect.stringContaining(':s3:::finance-data"'),
    expect.stringContaining(':s3:::hr-exports"'),
  ]);
  expect(objects?.Condition).toBeUndefined();
  expect(allowedActions([objects as Statement])).not.toContain('s3:ListBucket');
  expect(JSON.stringify(statements)).not.toContain(':s3:::*');
});

it('narrows source-key use to the configured keys, where an unseal writes under the key again (GenerateDataKey)', () => {
  const statements = statementsOfType(template(), 'AWS::IAM::Policy');
  expect(statements.find((s) => s.Sid === 'SourceObjectKeys')).toMatchObject({
    Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
    Resource: SOURCE_KEY,
  });
});

it('lets the break-glass role past the quarantine lock', () => {
  const lock = statementsOfType(template(), 'AWS::S3::BucketPolicy').find(
    (s) => s.Sid === 'DenyObjectAccessExceptRemediator',
  );
  const allowed = lock?.Condition?.ArnNotEquals?.['aws:PrincipalArn'];
  expect(allowed).toEqual([{ 'Fn::GetAtt': [expect.stringMatching(/^FunctionsRemediatorRole/), 'Arn'] }, BREAK_GLASS]);
});

it("lets the break-glass role past the quarantine key's lock", () => {
  const keyStatements = Object.values(template().Resources as Record<string, { Type: string; Properties: unknown }>)
    .filter((r) => r.Type === 'AWS::KMS::Key')
    .flatMap((r) => (r.Properties as { KeyPolicy: { Statement: Statement[] } }).KeyPolicy.Statement);
  const lock = keyStatements.find((s) => s.Sid === 'DenyKeyUseExceptRemediator');
  expect(lock?.Condition).toEqual({
    ArnNotEquals: {
      'aws:PrincipalArn': [{ 'Fn::GetAtt': [expect.stringMatching(/^FunctionsRemediatorRole/), 'Arn'] }, BREAK_GLASS],
    },
  });
});

it('turns on X-Ray tracing when asked', () => {
  const functions = Object.values(template().Resources as Record<string, { Type: string; Properties: unknown }>).filter(
    (r) => r.Type === 'AWS::Lambda::Function',
  );
  expect(functions).toHaveLength(5);
  for (const fn of functions) expect(fn.Properties).toMatchObject({ TracingConfig: { Mode: 'Active' } });
});

it('passes cdk-nag with the narrowed configuration', () => {
  const report = JSON.parse(readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  const nag = report.pluginReports.find((r: { pluginName: string }) => r.pluginName === 'AwsSolutions');
  expect(nag.violations).toEqual([]);
});
