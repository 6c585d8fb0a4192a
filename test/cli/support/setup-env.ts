import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { motoEnv } from '../../support/aws';

/** Variables that would let a test reach a real AWS account or pick up the developer's own profile. */
const OFFLINE = {
  AWS_CONFIG_FILE: '/nonexistent/aws-config',
  AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
  AWS_EC2_METADATA_DISABLED: 'true',
  CDK_DISABLE_CLI_TELEMETRY: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
} as const;

/**
 * An environment for the CLI, also applied to this test file's process.env: the SDK clients and the CDK
 * toolkit read credentials and endpoints there, not from the CliIO (jest gives every test file its own copy).
 */
function useEnvironment(vars: Readonly<Record<string, string>>): Record<string, string | undefined> {
  for (const name of Object.keys(process.env))
    if (name.startsWith('AWS_') || name.startsWith('SLACK_')) delete process.env[name];
  Object.assign(process.env, OFFLINE, vars);
  return { ...process.env };
}

/** Pointed at moto (credentials, Region, endpoints), plus `vars`. */
const useMotoEnvironment = (vars: Readonly<Record<string, string>> = {}) => useEnvironment({ ...motoEnv(), ...vars });

/** A fresh working directory, as a user's project directory would be. */
function tempProject(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), `macie-remediate-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export { OFFLINE, tempProject, useEnvironment, useMotoEnvironment };
