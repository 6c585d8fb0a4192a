import { join } from 'node:path';

/** Where `local up` keeps its files unless told otherwise: the user's cache (e.g. ~/.cache/macie-remediate/local). */
function defaultStateDir(): string {
  const envPaths = (require('env-paths') as typeof import('env-paths')).default;
  return join(envPaths('macie-remediate', { suffix: '' }).cache, 'local');
}

export { defaultStateDir };
