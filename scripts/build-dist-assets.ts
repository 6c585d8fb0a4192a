import { cpSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { bundleFunction } from '../infra/bundle-function';
import { REPO_ROOT } from '../infra/lambda-bundle';
import { assetName, PREBUILT_DIR } from '../infra/prebuilt-assets';

/**
 * The part of `npm run build` that tsc does not do, into the directory given (dist/): each Lambda's asset prebuilt
 * as the stack would bundle it, so the installed package synthesizes without esbuild or sources; and the files the
 * compiled code reads beside itself (the demo's samples, the channel page's assets), at the same relative places.
 */
const dist = path.resolve(process.argv[2] ?? 'dist');

async function main(): Promise<void> {
  // Every top-level file of lambda/ is a function's entry (its helpers live in subdirectories).
  for (const file of readdirSync(path.join(REPO_ROOT, 'lambda')).filter((name) => name.endsWith('.ts'))) {
    const entry = `lambda/${file}`;
    await bundleFunction(entry, path.join(dist, PREBUILT_DIR, assetName(entry)));
  }
  for (const dir of ['samples', 'local/slack-page/assets'])
    cpSync(path.join(REPO_ROOT, dir), path.join(dist, dir), { recursive: true });
}

main().catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
