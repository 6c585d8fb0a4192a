import { copyFileSync, cpSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const REPO_ROOT = join(__dirname, '..', '..');

/** What tsconfig.build.json compiles into dist/. */
const SOURCE_DIRS = ['cli', 'core', 'lambda', 'infra', 'local'] as const;

/** The entry: the CLI's main on the process's io, with what a test sets in its environment. */
const ENTRY = join('test', 'cli', 'support', 'cli-process');

const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(REPO_ROOT, dir, file));

/**
 * The CLI compiled to JavaScript in `dir`, laid out as the installed package's dist/ (esbuild, file by file, as tsc
 * would: a second or so instead of npm pack's build), with the files it reads beside its modules and the
 * repository's node_modules linked, plus test/cli/support/cli-process.ts as its entry. A test that needs a real
 * process starts it on node alone, without tsx compiling the sources again in every process. No prebuilt Lambdas:
 * a deploy would bundle from sources it does not have.
 * @returns the compiled entry, to run with node
 */
function buildCli(dir: string): string {
  const dist = join(dir, 'dist');
  buildSync({
    entryPoints: [
      ...SOURCE_DIRS.flatMap(sourcesUnder),
      join(REPO_ROOT, 'bin', 'cdk-app.ts'),
      join(REPO_ROOT, `${ENTRY}.ts`),
    ],
    outdir: dist,
    outbase: REPO_ROOT,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  // `import { version } from '../package.json'` and the files read beside compiled modules, where npm pack puts them.
  copyFileSync(join(REPO_ROOT, 'package.json'), join(dist, 'package.json'));
  for (const assets of ['samples', join('local', 'slack-page', 'assets')])
    cpSync(join(REPO_ROOT, assets), join(dist, assets), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return join(dist, `${ENTRY}.js`);
}

export { buildCli };
