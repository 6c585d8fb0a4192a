import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { build, type Metafile, type Plugin } from 'esbuild';
import { BUNDLE_OPTIONS, chunkSource, FUNCTION_EXTERNALS, REPO_ROOT, SDK_CHUNKS, type SdkChunk } from './lambda-bundle';

// Apart from infra/lambda-bundle.ts because it loads esbuild: the stack a package user synthesizes never does.

/** A client's schema module: one `export var` per shape and operation of the whole service. */
const SCHEMA_MODULE = /[\\/]@aws-sdk[\\/]client-[a-z0-9-]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/;
/** The module's string constants (`const _h = "http";`), which its schemas use as trait keys. */
const STRING_CONSTANT = /^const (_\w+) = ("(?:[^"\\\n]|\\.)*");$/gm;

/**
 * Writes a client's schema trait keys as the strings they are (`{ [_h]: x }` → `{ "http": x }`), the same object.
 * A computed key might run code as far as esbuild knows, so with them every shape of the service stayed in the
 * bundle, used or not (client-s3: 67 KiB, its top-level code run at every cold start); with plain keys, the
 * shapes no command we send reaches are dropped.
 */
const plainSchemaTraitKeys: Plugin = {
  name: 'plain-schema-trait-keys',
  setup(esbuild) {
    esbuild.onLoad({ filter: SCHEMA_MODULE }, async ({ path: file }) => {
      const source = await readFile(file, 'utf8');
      const constants = new Map([...source.matchAll(STRING_CONSTANT)].map((m) => [m[1], m[2]] as const));
      const contents = source.replace(/\[(_\w+)\]:/g, (key, name: string) => {
        const value = constants.get(name);
        return value === undefined ? key : `${value}:`;
      });
      return { contents, loader: 'js' };
    });
  },
};

/**
 * Leaves out the SDK's event-stream serde where an HTTP protocol loads it: by `import()`, for an operation that
 * streams events, which none we send does (S3's only one is SelectObjectContent). That `import()` names the whole
 * module, so bundled, all of it was kept and run at every cold start (about 5 ms of the remediator's). The
 * client's own static imports from it (its event-stream config) stay bundled, tree-shaken as any import.
 */
const eventStreamsOnlyWhenStreaming: Plugin = {
  name: 'event-streams-only-when-streaming',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^@smithy\/core\/event-streams$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

/** The chunks a built bundle requires: read from its output, since an accessor the bundle never calls is dropped. */
const chunksRequiredBy = (bundle: string): SdkChunk[] =>
  SDK_CHUNKS.filter((chunk) => bundle.includes(`require("./${chunk}")`));

const bundle = (entry: string, outfile: string, external: readonly string[]) =>
  build({
    ...BUNDLE_OPTIONS,
    entryPoints: [entry],
    outfile,
    external: [...external],
    plugins: [plainSchemaTraitKeys, eventStreamsOnlyWhenStreaming],
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'error',
  });

/**
 * A function's asset as the stack ships it: `index.js` and the chunks it requires, in `outdir` (the stack, the
 * prebuilt package, the bench and the bundle tests all build it here).
 */
async function bundleFunction(
  entry: string,
  outdir: string,
): Promise<{ readonly file: string; readonly chunks: SdkChunk[]; readonly metafile: Metafile }> {
  const file = path.join(outdir, 'index.js');
  const { metafile } = await bundle(path.resolve(REPO_ROOT, entry), file, FUNCTION_EXTERNALS);
  const chunks = chunksRequiredBy(await readFile(file, 'utf8'));
  await Promise.all(chunks.map((chunk) => bundle(chunkSource(chunk), path.join(outdir, `${chunk}.js`), [])));
  return { file, chunks, metafile };
}

export { bundleFunction };
