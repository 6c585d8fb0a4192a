import { existsSync } from 'node:fs';
import * as path from 'node:path';

/** Where `npm pack` puts each function's built asset, under dist/ (scripts/build-dist-assets.ts). */
const PREBUILT_DIR = 'lambda-assets';

/** A function's asset directory name: its entry's file name, `lambda/remediator.ts` → `remediator`. */
const assetName = (entry: string): string => path.basename(entry, path.extname(entry));

/**
 * The asset prebuilt for `entry` beside this compiled module, or undefined. Only the installed package has one:
 * there the sources are gone, so its stack cannot bundle them; in a clone (this file run as TypeScript) the stack
 * always bundles the sources as they are now, never an older build.
 */
function prebuiltAsset(entry: string): string | undefined {
  const dir = path.resolve(__dirname, '..', PREBUILT_DIR, assetName(entry));
  return existsSync(path.join(dir, 'index.js')) ? dir : undefined;
}

export { assetName, PREBUILT_DIR, prebuiltAsset };
