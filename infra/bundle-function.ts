import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync, type Metafile } from 'esbuild';
import { BUNDLE_OPTIONS, chunkSource, FUNCTION_EXTERNALS, REPO_ROOT, SDK_CHUNKS, type SdkChunk } from './lambda-bundle';

// Apart from infra/lambda-bundle.ts because it loads esbuild: the stack a package user synthesizes never does.

/** The chunks a built bundle requires: read from its output, since an accessor the bundle never calls is dropped. */
const chunksRequiredBy = (bundle: string): SdkChunk[] =>
  SDK_CHUNKS.filter((chunk) => bundle.includes(`require("./${chunk}")`));

/**
 * A function's asset as the stack builds it, outside CDK: `index.js` and the chunks it requires, in `outdir`
 * (the bench loads these; the bundle tests read the metafile).
 */
function bundleFunction(
  entry: string,
  outdir: string,
): { readonly file: string; readonly chunks: SdkChunk[]; readonly metafile: Metafile } {
  const file = path.join(outdir, 'index.js');
  const { metafile } = buildSync({
    ...BUNDLE_OPTIONS,
    entryPoints: [path.resolve(REPO_ROOT, entry)],
    outfile: file,
    external: FUNCTION_EXTERNALS,
    absWorkingDir: REPO_ROOT,
    metafile: true,
    logLevel: 'error',
  });
  const chunks = chunksRequiredBy(readFileSync(file, 'utf8'));
  for (const chunk of chunks) {
    buildSync({
      ...BUNDLE_OPTIONS,
      entryPoints: [chunkSource(chunk)],
      outfile: path.join(outdir, `${chunk}.js`),
      absWorkingDir: REPO_ROOT,
      logLevel: 'error',
    });
  }
  return { file, chunks, metafile };
}

export { bundleFunction };
