import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { version } from '../../package.json';

const REPO_ROOT = join(__dirname, '..', '..');

interface InstalledPackage {
  /** The package's directory, laid out as `npm install -g --prefix <dir>` lays it out. */
  readonly root: string;
  /** Its command, `bin/macie-remediate.js`. */
  readonly bin: string;
  /** The tarball's entries, without the leading `package/`. */
  readonly files: readonly string[];
}

const run = (command: string, args: readonly string[], cwd: string): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 });

/**
 * The one line to fail with when the offline install did not work: the request the npm cache could not answer,
 * else npm's first error line.
 */
function installFailure(err: unknown): string {
  const stderr = String((err as { stderr?: unknown }).stderr ?? err);
  const lines = stderr.split('\n');
  const missing = lines.find((line) => line.includes('request to '))?.replace(/^npm error /, '');
  return `offline install of the tarball failed (run npm ci first): ${missing ?? lines.find((line) => /error/i.test(line)) ?? stderr.trim()}`;
}

/**
 * The repository's files (tracked, and new ones git does not ignore) copied to `<dir>/source`, its node_modules
 * linked: `npm pack`'s prepack writes dist/ there, so a test run writes nothing into the repository.
 */
function workingCopy(dir: string): string {
  const source = join(dir, 'source');
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], REPO_ROOT)
    .split('\0')
    // A node_modules that is a link (not a directory) escapes .gitignore's `node_modules/`.
    .filter((file) => file && file !== 'node_modules');
  for (const file of files) {
    mkdirSync(dirname(join(source, file)), { recursive: true });
    cpSync(join(REPO_ROOT, file), join(source, file));
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'));
  return source;
}

/**
 * `npm pack` (its prepack builds dist/), then the tarball installed into `<dir>/prefix` from the npm cache alone.
 * `npm install -g --offline <tarball>` cannot do that: it resolves each dependency's range from the registry's
 * metadata, which `npm ci` does not cache. So the tarball is unpacked where a global install puts it and its
 * production dependencies installed with `npm ci --omit=dev --offline` from the repository's lock file: the
 * versions CI tested, the same tree npm would place.
 */
function packAndInstall(dir: string): InstalledPackage {
  run('npm', ['pack', '--pack-destination', dir, '--loglevel=error'], workingCopy(dir));
  const tarball = join(dir, `macie-remediate-${version}.tgz`);
  const root = join(dir, 'prefix', 'lib', 'node_modules', 'macie-remediate');
  mkdirSync(root, { recursive: true });
  run('tar', ['xzf', tarball, '-C', root, '--strip-components=1'], dir);
  copyFileSync(join(REPO_ROOT, 'package-lock.json'), join(root, 'package-lock.json'));
  try {
    run('npm', ['ci', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund'], root);
  } catch (err) {
    throw new Error(installFailure(err));
  }
  const files = run('tar', ['tzf', tarball], dir)
    .split('\n')
    .filter(Boolean)
    .map((entry) => entry.replace(/^package\//, ''));
  return { root, bin: join(root, 'bin', 'macie-remediate.js'), files };
}

export type { InstalledPackage };
export { packAndInstall };
