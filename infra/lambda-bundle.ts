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
 * The SDK's own clients for credential providers a function never takes (SSO, web identity, login, Cognito, an
 * ini profile's role): a Lambda's credentials are in its environment, which the default chain reads first. They
 * are reached only through `import()` inside those providers, so leaving them out takes their parse (58 KiB
 * minified) off every cold start; were one of those providers ever taken, the runtime's own SDK would answer.
 */
const NEVER_TAKEN_IN_LAMBDA = ['@aws-sdk/nested-clients', '@aws-sdk/nested-clients/*'];

/** What a function's bundle leaves as written: its SDK chunks, and the clients it never takes. */
const FUNCTION_EXTERNALS = [...SDK_CHUNK_EXTERNALS, ...NEVER_TAKEN_IN_LAMBDA];

const chunkSource = (chunk: SdkChunk): string => path.join(REPO_ROOT, 'core', 'aws', `${chunk}.ts`);

/**
 * What NodejsFunction is told (infra/MacieFunction.ts) and what the bench and the bundle tests build with: CommonJS
 * for node22, the SDK v3 clients we pinned bundled (their ESM build, tree-shaken), minified, source maps without
 * sources.
 */
const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22',
  mainFields: ['module', 'main'],
  minify: true,
  sourcemap: true,
  sourcesContent: false,
} as const satisfies BuildOptions;

/** The esbuild binary NodejsFunction finds too: the one this package depends on. */
const esbuildBinary = (): string => path.join(path.dirname(require.resolve('esbuild/package.json')), 'bin', 'esbuild');

/** Shell commands that build `chunks` into `outputDir` exactly as the function itself is built. */
function sdkChunkCommands(outputDir: string, chunks: readonly SdkChunk[]): string[] {
  return chunks.map((chunk) =>
    [
      `"${esbuildBinary()}"`,
      `"${chunkSource(chunk)}"`,
      '--bundle',
      `--platform=${BUNDLE_OPTIONS.platform}`,
      `--format=${BUNDLE_OPTIONS.format}`,
      `--target=${BUNDLE_OPTIONS.target}`,
      `--main-fields=${BUNDLE_OPTIONS.mainFields.join(',')}`,
      '--minify',
      '--sourcemap',
      '--sources-content=false',
      '--log-level=error',
      `--outfile="${path.join(outputDir, `${chunk}.js`)}"`,
    ].join(' '),
  );
}

export type { SdkChunk };
export { BUNDLE_OPTIONS, chunkSource, FUNCTION_EXTERNALS, REPO_ROOT, SDK_CHUNKS, sdkChunkCommands };
