import { relative, resolve } from 'node:path';

/** This package's root in a clone (dist/ in the installed package, where no one runs init from). */
const PACKAGE_ROOT = resolve(__dirname, '..', '..');

/** The CDK app: bin/cdk-app.ts in a clone, the compiled dist/bin/cdk-app.js in the installed package. */
const CDK_APP = require.resolve('../../bin/cdk-app');

/**
 * cdk.json's `app` when there is none yet. In a clone it is the repository's own command; elsewhere it names
 * this package's app by absolute path: the installed package's compiled app runs on node alone, a clone's
 * sources through the clone's tsx (`npx tsx` elsewhere would fetch tsx from the registry). Running init again
 * after the package moved rewrites nothing: delete `app` from cdk.json to have it recomputed.
 */
function defaultCdkApp(cwd: string): string {
  if (relative(PACKAGE_ROOT, resolve(cwd)) === '') return 'npx tsx bin/cdk-app.ts';
  if (CDK_APP.endsWith('.js')) return `node "${CDK_APP}"`;
  return `node "${require.resolve('tsx/cli')}" "${CDK_APP}"`;
}

export { defaultCdkApp, PACKAGE_ROOT };
