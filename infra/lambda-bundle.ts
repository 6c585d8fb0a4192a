import * as path from 'node:path';
import type { BuildOptions } from 'esbuild';

/** The repository root: entries, the lock file and esbuild's working directory hang off it, not off the cwd. */
const REPO_ROOT = path.resolve(__dirname, '..');

/**
 * The SDK modules a function requires only for some events (core/aws/sdk-on-first-use.ts). Each is kept out of
 * the function's bundle and shipped beside it as `<name>.js`, so the handler neither runs nor parses a client it
 * may never call; the bundle's `require("./<name>")` finds it next to `index.js`.
 */
const SDK_CHUNKS = ['lambda-sdk', 'sts-sdk', 'securityhub-sdk', 'macie-sdk', 'organizations-sdk'] as const;
type SdkChunk = (typeof SDK_CHUNKS)[number];

/** The import paths esbuild leaves as they are written. */
const SDK_CHUNK_EXTERNALS = SDK_CHUNKS.map((chunk) => `./${chunk}`);

/**
 * The credential providers a function never takes, and their SDK clients (SSO, web identity, login, an ini
 * profile's role, a credential process, container and instance metadata): a Lambda's credentials are in its
 * environment, which the default chain reads first. Each is reached only through an `import()` in that chain or
 * in another of them, so leaving them out takes their parse (about 95 KiB minified) off every cold start; were
 * one ever taken, the runtime's own SDK would answer (BUNDLE_OPTIONS makes that `import()` a `require`).
 */
const NEVER_TAKEN_IN_LAMBDA = [
  '@aws-sdk/nested-clients',
  '@aws-sdk/nested-clients/*',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-web-identity',
  '@aws-sdk/credential-provider-http',
  '@smithy/credential-provider-imds',
];

/** What a function's bundle leaves as written: its SDK chunks, and the clients it never takes. */
const FUNCTION_EXTERNALS = [...SDK_CHUNK_EXTERNALS, ...NEVER_TAKEN_IN_LAMBDA];

const chunkSource = (chunk: SdkChunk): string => path.join(REPO_ROOT, 'core', 'aws', `${chunk}.ts`);

/**
 * How every function is built (infra/bundle-function.ts, for the stack, the prebuilt package, the bench and the
 * bundle tests): CommonJS for node22, the SDK v3 clients we pinned bundled (their ESM build, tree-shaken),
 * minified, source maps without sources. An `import()` of a module left out is written as a `require`: CommonJS
 * resolution reads NODE_PATH, where the Lambda runtime keeps its own SDK; an ES module import would not look there.
 */
const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  mainFields: ['module', 'main'],
  supported: { 'dynamic-import': false },
  minify: true,
  sourcemap: true,
  sourcesContent: false,
} as const satisfies BuildOptions;

export type { SdkChunk };
export { BUNDLE_OPTIONS, chunkSource, FUNCTION_EXTERNALS, REPO_ROOT, SDK_CHUNKS };
