import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(__dirname, '..', '..');

/**
 * The modules esbuild reads for an entry, and those that end up in its bundle (some bytes in the output),
 * bundled as infra/MacieFunction.ts has NodejsFunction do it.
 */
async function bundle(entry: string): Promise<{
  readonly inputs: string[];
  readonly kept: string[];
  /** Every import between two inputs, with how it is made (`import-statement`, `require-call`, ...). */
  readonly imports: { readonly from: string; readonly to: string; readonly kind: string }[];
}> {
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
  const imports = Object.entries(result.metafile.inputs).flatMap(([from, input]) =>
    input.imports.map((i) => ({ from, to: i.path, kind: i.kind })),
  );
  return { inputs: Object.keys(result.metafile.inputs), kept: kept.map(([path]) => path), imports };
}

const matching = (inputs: readonly string[], pattern: RegExp) => inputs.filter((input) => pattern.test(input));

describe('Lambda bundles: each function carries only its own path', () => {
  it.each(['lambda/finding-handler.ts', 'lambda/remediation-handler.ts'])(
    '%s holds neither client-s3, client-sts nor the quarantine engine (only its key naming rule, for the review message)',
    async (entry) => {
      // Act
      const { inputs } = await bundle(entry);

      // Assess
      expect(matching(inputs, /@aws-sdk[\\/]client-s3[\\/]/)).toEqual([]);
      expect(matching(inputs, /@aws-sdk[\\/]client-sts[\\/]/)).toEqual([]);
      expect(matching(inputs, /^core\/quarantine\//)).toEqual(['core/quarantine/quarantine-key.ts']);
      expect(matching(inputs, /@aws-sdk[\\/]client-lambda[\\/]/)).not.toEqual([]);
    },
  );

  it("lambda/remediator.ts holds the engine and client-sts (member roles) but neither client-lambda nor the policy's decision", async () => {
    // Act
    const { inputs } = await bundle('lambda/remediator.ts');

    // Assess
    expect(matching(inputs, /^core\/quarantine\/QuarantineEngine\.ts$/)).toHaveLength(1);
    expect(matching(inputs, /@aws-sdk[\\/]client-sts[\\/]/)).not.toEqual([]);
    expect(matching(inputs, /@aws-sdk[\\/]client-lambda[\\/]/)).toEqual([]);
    expect(matching(inputs, /^core\/(policy\/decide|remediation\/receive-finding)\.ts$/)).toEqual([]);
  });

  it('lambda/reconciler.ts holds client-macie2 and the finding path, but neither client-s3, client-sts nor the quarantine engine', async () => {
    // Act
    const { inputs } = await bundle('lambda/reconciler.ts');

    // Assess
    expect(matching(inputs, /@aws-sdk[\\/]client-macie2[\\/]/)).not.toEqual([]);
    expect(matching(inputs, /^core\/remediation\/receive-finding\.ts$/)).toHaveLength(1);
    expect(matching(inputs, /@aws-sdk[\\/]client-s3[\\/]/)).toEqual([]);
    expect(matching(inputs, /@aws-sdk[\\/]client-sts[\\/]/)).toEqual([]);
    expect(matching(inputs, /^core\/quarantine\//)).toEqual(['core/quarantine/quarantine-key.ts']);
  });

  it("only the finding handler holds the Organizations client, behind a require made on the first other account's finding", async () => {
    // Act
    const finding = await bundle('lambda/finding-handler.ts');
    const click = await bundle('lambda/remediation-handler.ts');
    const remediator = await bundle('lambda/remediator.ts');

    // Assess
    expect(matching(click.inputs, /@aws-sdk[\\/]client-organizations[\\/]/)).toEqual([]);
    expect(matching(remediator.inputs, /@aws-sdk[\\/]client-organizations[\\/]/)).toEqual([]);
    expect(finding.imports.filter((i) => i.to === 'core/accounts/organizations-sdk.ts')).toEqual([
      {
        from: 'core/accounts/OrganizationsAccountNames.ts',
        to: 'core/accounts/organizations-sdk.ts',
        kind: 'require-call',
      },
      { from: 'core/compose/finding-deps.ts', to: 'core/accounts/organizations-sdk.ts', kind: 'require-call' },
    ]);
    expect(
      finding.imports.filter(
        (i) => /@aws-sdk[\\/]client-organizations[\\/]/.test(i.to) && !/client-organizations/.test(i.from),
      ),
    ).toEqual([expect.objectContaining({ from: 'core/accounts/organizations-sdk.ts' })]);
  });

  it('only the click handler holds the Macie client, behind a require made on the first "Dismiss and suppress similar"', async () => {
    // Act
    const finding = await bundle('lambda/finding-handler.ts');
    const click = await bundle('lambda/remediation-handler.ts');

    // Assess
    expect(matching(finding.inputs, /@aws-sdk[\\/]client-macie2[\\/]/)).toEqual([]);
    expect(click.imports.filter((i) => i.to === 'core/macie/macie-sdk.ts')).toEqual([
      { from: 'core/macie/suppressions-on-first-use.ts', to: 'core/macie/macie-sdk.ts', kind: 'require-call' },
    ]);
    expect(
      click.imports.filter((i) => /@aws-sdk[\\/]client-macie2[\\/]/.test(i.to) && !/client-macie2/.test(i.from)),
    ).toEqual([
      expect.objectContaining({ from: 'core/macie/MacieSuppressions.ts' }),
      expect.objectContaining({ from: 'core/macie/macie-sdk.ts' }),
    ]);
    expect(click.imports.filter((i) => i.to === 'core/macie/MacieSuppressions.ts').map((i) => i.from)).toEqual([
      'core/macie/macie-sdk.ts',
    ]);
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

  it.each([
    'lambda/finding-handler.ts',
    'lambda/remediation-handler.ts',
    'lambda/remediator.ts',
    'lambda/reconciler.ts',
  ])('%s keeps only the zod it calls: zod/mini, not full zod, and no error messages in 40 languages', async (entry) => {
    // Act
    const { kept } = await bundle(entry);

    // Assess
    expect(matching(kept, /zod[\\/]v4[\\/]classic[\\/]/)).toEqual([]);
    expect(matching(kept, /zod[\\/]v4[\\/]locales[\\/]/)).toEqual([expect.stringMatching(/[\\/]en\.js$/)]);
  });
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

  it('importing the reconciler factory reads no environment and loads no SDK but the Macie commands it pages with', () => {
    // Prepare: as above; the SDK's own modules look at the Lambda runtime's AWS_LAMBDA_* flags as they load
    const script = `
      require('tsx/cjs/api').register();
      const read = new Set();
      process.env = new Proxy(process.env, { get: (env, name) => (read.add(String(name)), env[name]) });
      require(${JSON.stringify(join(ROOT, 'lambda', 'factories', 'reconciler.ts'))});
      const loaded = Object.keys(require.cache).filter((p) => /[\\\\/](client-(?!macie2)[a-z0-9-]+|@aws-lambda-powertools|@slack)[\\\\/]/.test(p));
      process.stdout.write(JSON.stringify({ loaded, read: [...read].filter((name) => /^(MACIE_|AWS_(?!LAMBDA_)|SLACK_|POWERTOOLS_|LOG_LEVEL)/.test(name)) }));
    `;

    // Act
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });

    // Assess
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ loaded: [], read: [] });
  });
});

describe('Lambda entries', () => {
  it.each(['finding-handler', 'remediation-handler', 'reconciler'])(
    'lambda/%s.ts loads client-lambda at its first job, not at import (most events hand no job off)',
    (name) => {
      // Prepare: a bare node that lists the client-lambda modules the entry's import loaded
      const script = `
        require('tsx/cjs/api').register();
        require(${JSON.stringify(join(ROOT, 'lambda', `${name}.ts`))});
        const loaded = Object.keys(require.cache).filter((p) => /[\\\\/]@aws-sdk[\\\\/]client-lambda[\\\\/]/.test(p));
        process.stdout.write(JSON.stringify(loaded));
      `;

      // Act
      const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });

      // Assess
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual([]);
    },
  );
});
