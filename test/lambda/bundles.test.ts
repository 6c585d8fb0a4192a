import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');

/**
 * The modules esbuild reads for an entry, and those that end up in its bundle (some bytes in the output),
 * bundled as infra/MacieFunction.ts has NodejsFunction do it.
 */
async function bundle(entry: string): Promise<{ readonly inputs: string[]; readonly kept: string[] }> {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    mainFields: ['module', 'main'],
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const [output] = Object.values(result.metafile.outputs);
  const kept = Object.entries(output?.inputs ?? {}).filter(([, input]) => input.bytesInOutput > 0);
  return { inputs: Object.keys(result.metafile.inputs), kept: kept.map(([path]) => path) };
}

const matching = (inputs: readonly string[], pattern: RegExp) => inputs.filter((input) => pattern.test(input));

describe('Lambda bundles: each function carries only its own path', () => {
  it.each(['lambda/finding-handler.ts', 'lambda/remediation-handler.ts'])(
    '%s holds neither client-s3 nor the quarantine engine (only its key naming rule, for the review message)',
    async (entry) => {
      // Act
      const { inputs } = await bundle(entry);

      // Assess
      expect(matching(inputs, /@aws-sdk[\\/]client-s3[\\/]/)).toEqual([]);
      expect(matching(inputs, /^core\/quarantine\//)).toEqual(['core/quarantine/quarantine-key.ts']);
      expect(matching(inputs, /@aws-sdk[\\/]client-lambda[\\/]/)).not.toEqual([]);
    },
  );

  it("lambda/remediator.ts holds the engine but neither client-lambda nor the policy's decision", async () => {
    // Act
    const { inputs } = await bundle('lambda/remediator.ts');

    // Assess
    expect(matching(inputs, /^core\/quarantine\/QuarantineEngine\.ts$/)).toHaveLength(1);
    expect(matching(inputs, /@aws-sdk[\\/]client-lambda[\\/]/)).toEqual([]);
    expect(matching(inputs, /^core\/(policy\/decide|remediation\/receive-finding)\.ts$/)).toEqual([]);
  });

  it('lambda/finding-handler.ts holds no Security Hub client: it decides nothing Security Hub shows', async () => {
    // Act
    const { inputs } = await bundle('lambda/finding-handler.ts');

    // Assess
    expect(matching(inputs, /@aws-sdk[\\/]client-securityhub[\\/]/)).toEqual([]);
    expect(matching(inputs, /^core\/securityhub\/SecurityHubFindings\.ts$/)).toEqual([]);
  });

  it.each(['lambda/remediation-handler.ts', 'lambda/remediator.ts'])(
    '%s holds the Security Hub client (a dismissal, an outcome)',
    async (entry) => {
      // Act
      const { inputs } = await bundle(entry);

      // Assess
      expect(matching(inputs, /^core\/securityhub\/SecurityHubFindings\.ts$/)).toHaveLength(1);
      expect(matching(inputs, /@aws-sdk[\\/]client-securityhub[\\/]/)).not.toEqual([]);
    },
  );

  it.each(['lambda/finding-handler.ts', 'lambda/remediation-handler.ts', 'lambda/remediator.ts'])(
    '%s keeps only the zod it calls (no error messages in 40 languages)',
    async (entry) => {
      // Act
      const { kept } = await bundle(entry);

      // Assess
      expect(matching(kept, /zod[\\/]v4[\\/]locales[\\/]/)).toEqual([expect.stringMatching(/[\\/]en\.js$/)]);
    },
  );
});

describe('Handler factories', () => {
  it('importing them runs nothing: no logger, no SDK client, no environment read', () => {
    // Prepare: a bare node that counts what the imports load and which variables they read
    const factories = ['finding-handler', 'remediation-handler', 'remediator'].map((name) =>
      join(ROOT, 'lambda', 'factories', `${name}.ts`),
    );
    const script = `
      require('tsx/cjs/api').register();
      const read = new Set();
      process.env = new Proxy(process.env, { get: (env, name) => (read.add(String(name)), env[name]) });
      for (const file of ${JSON.stringify(factories)}) require(file);
      const loaded = Object.keys(require.cache).filter((p) => /[\\\\/](@aws-sdk|@aws-lambda-powertools|@slack)[\\\\/]/.test(p));
      process.stdout.write(JSON.stringify({ loaded, read: [...read].filter((name) => /^(MACIE_|AWS_|SLACK_|POWERTOOLS_|LOG_LEVEL)/.test(name)) }));
    `;

    // Act
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });

    // Assess
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ loaded: [], read: [] });
  });
});
