import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** Debian's AWS CLI (botocore): a client nobody here wrote. CI installs it (.ci/run). */
const AWS = '/usr/bin/aws';

interface AwsCliOptions {
  /** The stand-in's URL, read at each call (it is known only once the stand-in listens). */
  readonly endpoint: () => string;
  /** @default testing / testing */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

interface AwsCli {
  /** Fails loudly rather than letting a test skip: call it in `beforeAll`. */
  assertInstalled(): void;
  /** Runs `aws <args> --endpoint-url … --output json`; the parsed answer, or undefined when it prints nothing. */
  json(args: readonly string[], env?: Readonly<Record<string, string>>): Promise<unknown>;
  /** Removes its HOME: call it in `afterAll`. */
  remove(): void;
}

/** The AWS CLI pointed at a stand-in, with a HOME of its own: no profile, no config, no instance metadata. */
function awsCli(options: AwsCliOptions): AwsCli {
  const home = mkdtempSync(join(tmpdir(), 'awscli-'));
  const { accessKeyId, secretAccessKey } = options.credentials ?? {
    accessKeyId: 'testing',
    secretAccessKey: 'testing',
  };
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return {
    assertInstalled() {
      if (!existsSync(AWS)) throw new Error(`${AWS} is missing: install Debian's awscli (apt-get install awscli)`);
    },
    async json(args, extra = {}) {
      const { stdout } = await run(
        AWS,
        [...args, '--endpoint-url', options.endpoint(), '--region', 'us-east-1', '--output', 'json'],
        { env: { ...env, ...extra }, timeout: 60_000 },
      );
      // Calls that answer {} (delete-findings-filter) print nothing.
      return stdout.trim() === '' ? undefined : JSON.parse(stdout);
    },
    remove() {
      rmSync(home, { recursive: true, force: true });
    },
  };
}

export type { AwsCli };
export { awsCli };
