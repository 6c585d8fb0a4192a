import { join, relative, resolve } from 'node:path';

/** This package's root: bin/cdk-app.ts and the tsx it runs with live here, wherever init is run from. */
const PACKAGE_ROOT = resolve(__dirname, '..', '..');

/**
 * cdk.json's `app` when there is none yet. In a clone it is the repository's own command; elsewhere (the
 * package run through npx or installed globally) it names this package's files by absolute path, because
 * `npx tsx` there would fetch tsx from the registry and find no bin/cdk-app.ts. Running init again after
 * the package moved rewrites nothing: delete `app` from cdk.json to have it recomputed.
 */
function defaultCdkApp(cwd: string): string {
  if (relative(PACKAGE_ROOT, resolve(cwd)) === '') return 'npx tsx bin/cdk-app.ts';
  const tsxCli = require.resolve('tsx/cli');
  return `node "${tsxCli}" "${join(PACKAGE_ROOT, 'bin', 'cdk-app.ts')}"`;
}

export { defaultCdkApp, PACKAGE_ROOT };
