import { copyFileSync, cpSync, readdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

const REPO_ROOT = join(__dirname, '..', '..');

/** What tsconfig.build.json compiles into dist/. */
const SOURCE_DIRS = ['cli', 'core', 'lambda', 'infra', 'local'] as const;

const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(REPO_ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(REPO_ROOT, dir, file));

/**
 * The sources compiled to JavaScript in `dir`, laid out as the installed package's dist/ (esbuild, file by file, as
 * tsc would: a second or so instead of npm pack's build), with the files they read beside their modules and the
 * repository's node_modules linked, plus `entries` (test files, from the repository's root, without `.ts`). A test
 * that needs a real process starts one on node alone, without tsx compiling the sources again in every process.
 * No prebuilt Lambdas: a stack synthesized from it would bundle sources it does not have.
 * @returns the dist directory: `lambda/x.ts` is compiled to `<dist>/lambda/x.js`
 */
function compileProject(dir: string, entries: readonly string[] = []): string {
  const dist = join(dir, 'dist');
  buildSync({
    entryPoints: [
      ...SOURCE_DIRS.flatMap(sourcesUnder),
      join(REPO_ROOT, 'bin', 'cdk-app.ts'),
      ...entries.map((entry) => join(REPO_ROOT, `${entry}.ts`)),
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
  return dist;
}

/** test/cli/support/cli-process.ts: the CLI's main on the process's io, with what a test sets in its environment. */
const CLI_PROCESS = join('test', 'cli', 'support', 'cli-process');

/** The CLI compiled, to start with node: its entry. */
const buildCli = (dir: string): string => join(compileProject(dir, [CLI_PROCESS]), `${CLI_PROCESS}.js`);

export { buildCli, compileProject };
