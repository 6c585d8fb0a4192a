import { readFile } from 'node:fs/promises';
import { build, type Plugin } from 'esbuild';
import { BUNDLE_OPTIONS, FUNCTION_EXTERNALS } from './infra/lambda-bundle';
const inlineTraitKeys: Plugin = {
  name: 'inline-trait-keys',
  setup(b) {
    b.onLoad({ filter: /[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const consts = new Map<string, string>();
      for (const m of text.matchAll(/^const (_\w+) = ("(?:[^"\\]|\\.)*");$/gm)) consts.set(m[1], m[2]);
      const out = text.replace(/\[(_\w+)\]:/g, (all, name) => (consts.has(name) ? `${consts.get(name)}:` : all));
      return { contents: out, loader: 'js' };
    });
  },
};
const PROVIDERS = ['@aws-sdk/credential-provider-sso', '@aws-sdk/credential-provider-ini', '@aws-sdk/credential-provider-process', '@aws-sdk/credential-provider-web-identity', '@smithy/credential-provider-imds', '@aws-sdk/credential-provider-http'];
(async () => {
  const [entry, out, mode] = process.argv.slice(2);
  const r = await build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile: out, metafile: true,
    external: [...FUNCTION_EXTERNALS, ...(mode.includes('c') ? PROVIDERS : []), ...(mode.includes('e') ? ['@smithy/core/event-streams'] : [])],
    plugins: mode.includes('s') ? [inlineTraitKeys] : [], absWorkingDir: '/work/main' });
  const o = Object.values(r.metafile.outputs).find((x) => x.entryPoint)!;
  console.log(mode, (o.bytes / 1024).toFixed(1)); if (process.env.TOP) for (const [f, i] of Object.entries(o.inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput).slice(0, Number(process.env.TOP))) console.log((i.bytesInOutput / 1024).toFixed(1).padStart(6), f.replace(/.*node_modules\//, ""));
})();
