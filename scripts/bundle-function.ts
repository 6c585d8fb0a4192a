import { bundleFunction } from '../infra/bundle-function';

// `tsx scripts/bundle-function.ts <entry> <outdir>`: one function's asset, for the stack's synthesis from sources.
const [entry, outdir] = process.argv.slice(2);
if (entry === undefined || outdir === undefined) {
  process.stderr.write('usage: tsx scripts/bundle-function.ts <entry> <outdir>\n');
  process.exit(2);
}
bundleFunction(entry, outdir).catch((err: Error) => {
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
