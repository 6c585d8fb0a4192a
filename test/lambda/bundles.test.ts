import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../infra/app';
import { bundleFunction } from '../../infra/bundle-function';
import { SDK_CHUNKS } from '../../infra/lambda-bundle';
import { cdkJsonContext } from '../infra/support/template';
import { compileProject } from '../support/built-cli';

const ROOT = join(__dirname, '..', '..');
const ENTRIES = ['finding-handler', 'remediation-handler', 'remediator', 'reconciler'] as const;
/** Every function the stack deploys: the entries above and the audit archiver, which reads no Slack secret. */
const FUNCTIONS = [...ENTRIES, 'audit-archiver'] as const;

let work: string;
/** The sources compiled once (test/support/built-cli): each import check runs on node alone, not through tsx. */
let dist: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'bundles-'));
  dist = compileProject(mkdtempSync(join(work, 'compiled-')));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * The modules esbuild reads for an entry, those that end up in its bundle (some bytes in the output), and the
 * SDK chunks it requires beside it, bundled as the stack bundles it (infra/lambda-bundle.ts).
 */
async function bundleOnce(entry: string): Promise<{
  readonly inputs: string[];
  readonly kept: string[];
  readonly chunks: string[];
  readonly file: string;
  /** Every import between two inputs, with how it is made (`import-statement`, `require-call`, ...). */
  readonly imports: {
    readonly from: string;
    readonly to: string;
    readonly kind: string;
    readonly external?: boolean;
  }[];
}> {
  const { metafile, chunks, file } = await bundleFunction(entry, mkdtempSync(join(work, 'fn-')));
  const output = Object.entries(metafile.outputs).find(([file]) => file.endsWith('.js'))?.[1];
  const kept = Object.entries(output?.inputs ?? {}).filter(([, input]) => input.bytesInOutput > 0);
  const imports = Object.entries(metafile.inputs).flatMap(([from, input]) =>
    input.imports.map((i) => ({ from, to: i.path, kind: i.kind, ...(i.external ? { external: true } : {}) })),
  );
  return { inputs: Object.keys(metafile.inputs), kept: kept.map(([path]) => path), chunks, file, imports };
}

const bundles = new Map<string, Awaited<ReturnType<typeof bundleOnce>>>();
/** Each function bundled once per file: esbuild is quick, but not fifteen times on a busy machine. */
beforeAll(async () => {
  for (const name of FUNCTIONS) bundles.set(`lambda/${name}.ts`, await bundleOnce(`lambda/${name}.ts`));
});
function bundle(entry: string): Awaited<ReturnType<typeof bundleOnce>> {
  const made = bundles.get(entry);
  if (made === undefined) throw new Error(`${entry} is not among the functions bundled`);
  return made;
}

const matching = (inputs: readonly string[], pattern: RegExp) => inputs.filter((input) => pattern.test(input));
const ON_FIRST_USE = /@aws-sdk[\\/]client-(lambda|sts|securityhub|macie2|organizations)[\\/]/;

describe('Lambda bundles: each function carries only its own path', () => {
  it.each(['lambda/finding-handler.ts', 'lambda/remediation-handler.ts'])(
    '%s holds neither client-s3 nor the quarantine engine (only its key naming rule, for the review message)',
    (entry) => {
      // Act
      const { inputs } = bundle(entry);

      // Assess
      expect(matching(inputs, /@aws-sdk[\\/]client-s3[\\/]/)).toEqual([]);
      expect(matching(inputs, /^core\/quarantine\//)).toEqual(['core/quarantine/quarantine-key.ts']);
    },
  );

  it("lambda/remediator.ts holds the engine but not the policy's decision", () => {
    // Act
    const { inputs } = bundle('lambda/remediator.ts');

    // Assess
    expect(matching(inputs, /^core\/quarantine\/QuarantineEngine\.ts$/)).toHaveLength(1);
    expect(matching(inputs, /^core\/(policy\/decide|remediation\/receive-finding)\.ts$/)).toEqual([]);
  });

  it.each(ENTRIES)(
    'lambda/%s.ts leaves out the credential providers a Lambda never takes, each reached only by a dynamic import()',
    (name) => {
      // Act
      const { inputs, imports } = bundle(`lambda/${name}.ts`);

      // Assess: none of their code inside; every way to them is a dynamic import
      const neverTaken =
        /@aws-sdk[\\/](nested-clients|credential-provider-(sso|ini|process|web-identity|http|login))[\\/]|@smithy[\\/]credential-provider-imds[\\/]/;
      expect(matching(inputs, neverTaken)).toEqual([]);
      const toThem = imports.filter((i) => i.external && /credential-provider-(sso|ini|imds)/.test(i.to));
      expect(toThem.map((i) => i.to).sort()).toEqual([
        '@aws-sdk/credential-provider-ini',
        '@aws-sdk/credential-provider-sso',
        '@smithy/credential-provider-imds',
      ]);
      expect(toThem.every((i) => i.kind === 'dynamic-import')).toBe(true);
    },
  );

  it("lambda/remediator.ts leaves out the SDK's event-stream serde, which no operation it sends loads", () => {
    // Act
    const { kept, imports } = bundle('lambda/remediator.ts');

    // Assess: the serde's code is not there; the one way to the whole module is the protocol's dynamic import
    expect(matching(kept, /event-streams[\\/]EventStreamSerde\.js$/)).toEqual([]);
    const whole = imports.filter((i) => i.external && i.to === '@smithy/core/event-streams');
    expect(whole.map((i) => i.kind)).toEqual(['dynamic-import']);
  });

  it.each(ENTRIES)(
    'lambda/%s.ts requires what it leaves out, so NODE_PATH (the runtime SDK) can resolve it',
    (name) => {
      // Act
      const code = readFileSync(bundle(`lambda/${name}.ts`).file, 'utf8');

      // Assess: no ES module import() is left in the output, since that resolution ignores NODE_PATH
      expect(code).toContain('require("@aws-sdk/credential-provider-ini")');
      expect(code.match(/\bimport\(/g)).toBeNull();
    },
  );

  it('lambda/remediator.ts keeps the schemas of the S3 operations it sends, not those of the whole service', () => {
    // Act
    const { file } = bundle('lambda/remediator.ts');
    const code = readFileSync(file, 'utf8');

    // Assess: CopyObject's HTTP binding is there, those of operations nobody here sends are not
    expect(code).toContain('"/{Key+}?x-id=CopyObject"');
    expect(code).not.toContain('"/WriteGetObjectResponse"');
    expect(code).not.toContain('"/?metadataInventoryTable"');
  });

  it('lambda/reconciler.ts holds client-macie2 and the finding path, but neither client-s3 nor the quarantine engine', () => {
    // Act
    const { inputs } = bundle('lambda/reconciler.ts');

    // Assess
    expect(matching(inputs, /@aws-sdk[\\/]client-macie2[\\/]/)).not.toEqual([]);
    expect(matching(inputs, /^core\/remediation\/receive-finding\.ts$/)).toHaveLength(1);
    expect(matching(inputs, /@aws-sdk[\\/]client-s3[\\/]/)).toEqual([]);
    expect(matching(inputs, /^core\/quarantine\//)).toEqual(['core/quarantine/quarantine-key.ts']);
  });

  it.each(ENTRIES.filter((name) => name !== 'reconciler'))(
    'lambda/%s.ts holds none of the clients it needs only for some events: they are chunks required on first use',
    (name) => {
      // Act
      const { inputs, imports } = bundle(`lambda/${name}.ts`);

      // Assess: no such client in the bundle; each chunk reached only through core/aws/sdk-on-first-use.ts
      expect(matching(inputs, ON_FIRST_USE)).toEqual([]);
      const chunks = imports.filter((i) => /-sdk$/.test(i.to));
      expect(chunks.every((i) => i.from === 'core/aws/sdk-on-first-use.ts' && i.kind === 'require-call')).toBe(true);
    },
  );

  it('each function requires exactly the SDK chunks it needs for some events', () => {
    // Act
    const required = Object.fromEntries(FUNCTIONS.map((name) => [name, bundle(`lambda/${name}.ts`).chunks]));

    // Assess
    expect(required).toEqual({
      'finding-handler': ['lambda-sdk', 'organizations-sdk'],
      'remediation-handler': ['lambda-sdk', 'securityhub-sdk', 'macie-sdk'],
      remediator: ['sts-sdk', 'securityhub-sdk'],
      reconciler: ['lambda-sdk', 'securityhub-sdk', 'organizations-sdk'],
      'audit-archiver': [],
    });
  });

  it('the stack ships each function with the chunks its bundle requires, and each loads', () => {
    // Prepare: a synthesis that bundles, as a deploy does
    const outdir = mkdtempSync(join(work, 'cdk-'));
    const { app } = createApp({ context: { ...cdkJsonContext(), sourceBuckets: ['*'] }, outdir });

    // Act
    app.synth();

    // Assess: every `require("./x-sdk")` of an index.js finds x-sdk.js beside it, and it loads
    const assets = readdirSync(outdir)
      .filter((dir) => dir.startsWith('asset.') && existsSync(join(outdir, dir, 'index.js')))
      .map((dir) => join(outdir, dir));
    expect(assets).toHaveLength(FUNCTIONS.length);
    for (const asset of assets) {
      const required = [...readFileSync(join(asset, 'index.js'), 'utf8').matchAll(/require\("\.\/([a-z-]+)"\)/g)].map(
        (m) => m[1],
      );
      for (const chunk of required) {
        expect(SDK_CHUNKS).toContain(chunk);
        expect(Object.keys(require(join(asset, `${chunk}.js`)) as object).length).toBeGreaterThan(0);
      }
    }
  });

  it.each(ENTRIES.map((name) => `lambda/${name}.ts`))(
    '%s keeps only the zod it calls: zod/mini, not full zod, and no error messages in 40 languages',
    (entry) => {
      // Act
      const { kept } = bundle(entry);

      // Assess
      expect(matching(kept, /zod[\\/]v4[\\/]classic[\\/]/)).toEqual([]);
      expect(matching(kept, /zod[\\/]v4[\\/]locales[\\/]/)).toEqual([expect.stringMatching(/[\\/]en\.js$/)]);
    },
  );
});

describe('Handler factories', () => {
  it('importing them runs nothing: no logger, no SDK client, no environment read', () => {
    // Prepare: a bare node that counts what the imports load and which variables they read
    const factories = ['finding-handler', 'remediation-handler', 'remediator'].map((name) =>
      join(dist, 'lambda', 'factories', `${name}.js`),
    );
    const script = `
      const read = new Set();
      process.env = new Proxy(process.env, { get: (env, name) => (read.add(String(name)), env[name]) });
      for (const file of ${JSON.stringify(factories)}) require(file);
      const loaded = Object.keys(require.cache).filter((p) => /[\\\\/](@aws-sdk|@slack)[\\\\/]/.test(p));
      process.stdout.write(JSON.stringify({ loaded, read: [...read].filter((name) => /^(MACIE_|AWS_|SLACK_|LOG_LEVEL)/.test(name)) }));
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
      const read = new Set();
      process.env = new Proxy(process.env, { get: (env, name) => (read.add(String(name)), env[name]) });
      require(${JSON.stringify(join(dist, 'lambda', 'factories', 'reconciler.js'))});
      const loaded = Object.keys(require.cache).filter((p) => /[\\\\/](client-(?!macie2)[a-z0-9-]+|@slack)[\\\\/]/.test(p));
      process.stdout.write(JSON.stringify({ loaded, read: [...read].filter((name) => /^(MACIE_|AWS_(?!LAMBDA_)|SLACK_|LOG_LEVEL)/.test(name)) }));
    `;

    // Act
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });

    // Assess
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ loaded: [], read: [] });
  });
});

describe('Lambda entries', () => {
  it.each([
    ['finding-handler', 'lambda|sts|securityhub|macie2|organizations'],
    ['remediation-handler', 'lambda|sts|securityhub|macie2|organizations'],
    ['remediator', 'lambda|sts|securityhub|macie2|organizations'],
    // The reconciler pages Macie on every run.
    ['reconciler', 'lambda|sts|securityhub|organizations'],
  ])('lambda/%s.ts loads none of the clients it needs only for some events at import (client-%s)', (name, clients) => {
    // Prepare: a bare node that lists those clients' modules the entry's import loaded
    const script = `
        require(${JSON.stringify(join(dist, 'lambda', `${name}.js`))});
        const loaded = Object.keys(require.cache).filter((p) => /[\\\\/]@aws-sdk[\\\\/]client-(${clients})[\\\\/]/.test(p));
        process.stdout.write(JSON.stringify(loaded));
      `;

    // Act
    const run = spawnSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' });

    // Assess
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual([]);
  });
});
