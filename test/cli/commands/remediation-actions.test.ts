import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateBucketCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  type HeadObjectCommandOutput,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  type PutObjectCommandInput,
} from '@aws-sdk/client-s3';
import { uniqueName } from '../../support/aws';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

/** The quarantine key as the stack hands it to the remediator (moto takes any key id for SSE-KMS). */
const QUARANTINE_KEY = 'arn:aws:kms:us-east-1:123456789012:key/quarantine-cli16';
const KEY_ENV = { MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID: QUARANTINE_KEY };
const PERSONAL = 'SensitiveData:S3Object/Personal';
const BODY = 'name,passport\nJane Doe,X1234567\n';
/** The object as its owner wrote it: what a restore must give back identically. */
const WRITTEN = {
  ContentType: 'text/csv',
  CacheControl: 'max-age=60',
  ContentDisposition: 'attachment; filename="people.csv"',
  Metadata: { owner: 'hr', 'source-system': 'workday' },
  Tagging: 'team=hr&pii=yes',
  ServerSideEncryption: 'AES256' as const,
};

const json = (run: CliRun) => JSON.parse(run.stdout);

/** What a restore must give back as it was: bytes aside, what a HEAD says. */
const described = (h: HeadObjectCommandOutput) => ({
  ContentType: h.ContentType,
  CacheControl: h.CacheControl,
  ContentDisposition: h.ContentDisposition,
  ContentLength: h.ContentLength,
  Metadata: h.Metadata,
  ServerSideEncryption: h.ServerSideEncryption,
  SSEKMSKeyId: h.SSEKMSKeyId,
});

describe('Commands: remediate --action, exempt, and the policy that chooses', () => {
  let stack: CliStack;
  let versionedBucket: string;

  beforeAll(async () => {
    stack = await startCliStack();
    versionedBucket = uniqueName('versioned');
    await stack.s3.send(new CreateBucketCommand({ Bucket: versionedBucket }));
    await stack.s3.send(
      new PutBucketVersioningCommand({ Bucket: versionedBucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  });
  afterAll(() => stack.stop());

  /** The CLI with the quarantine key set, as the remediator has it. */
  const run = (args: readonly string[], env: Record<string, string> = {}) =>
    stack.run(args, { env: { ...KEY_ENV, ...env } });

  const put = async (bucket: string, key: string, extra: Partial<PutObjectCommandInput> = WRITTEN) => {
    const out = await stack.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: BODY, ...extra }));
    return { bucket, key, versionId: out.VersionId ?? '', eTag: (out.ETag ?? '').replaceAll('"', '') };
  };
  const headOf = (bucket: string, key: string) => stack.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const bytesOf = async (bucket: string, key: string) =>
    (await stack.s3
      .send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      .then((o) => o.Body?.transformToString())) ?? '';
  const tagsOf = async (bucket: string, key: string) => {
    const out = await stack.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }));
    return Object.fromEntries((out.TagSet ?? []).map((t) => [t.Key, t.Value]));
  };
  const versionIds = async (bucket: string, key: string) => {
    const out = await stack.s3.send(new ListObjectVersionsCommand({ Bucket: bucket, Prefix: key }));
    return (out.Versions ?? []).filter((v) => v.Key === key).map((v) => v.VersionId);
  };
  const listed = async (id: string) =>
    json(await run(['list', 'quarantined', '--json'])).find((r: { findingId: string }) => r.findingId === id);
  const historyActions = async (id: string): Promise<string[]> =>
    json(await run(['history', id, '--json'])).history.map((e: { action: string }) => e.action);

  describe('SEAL', () => {
    it.each([
      { name: 'versioned', versioned: true },
      { name: 'unversioned', versioned: false },
    ])(
      're-encrypts in place with the quarantine key, lists and records it, and restore gives back the original ($name)',
      async ({ versioned }) => {
        // Prepare: on the versioned bucket an older version holds the same bytes
        const bucket = versioned ? versionedBucket : stack.sourceBucket;
        const key = `hr/sealed-${versioned ? 'v' : 'u'}.csv`;
        const older = versioned ? await put(bucket, key) : undefined;
        const object = await put(bucket, key);
        const before = await headOf(bucket, key);
        const id = stack.addFinding(object, PERSONAL).id as string;

        // Act
        const dryRun = await run(['remediate', id, '--action', 'seal', '--dry-run', '--json']);
        const sealed = await run(['remediate', id, '--action', 'seal', '--yes', '--json']);
        const head = await headOf(bucket, key);
        const versionsWhileSealed = versioned ? await versionIds(bucket, key) : [];
        const row = await listed(id);
        const actions = await historyActions(id);
        const restored = await run(['restore', id, '--reason', 'false positive: test passports', '--yes', '--json']);
        const after = await headOf(bucket, key);

        // Assess
        expect(json(dryRun).results).toEqual([
          {
            findingId: id,
            outcome: 'PLANNED',
            source: { bucket, key, ...(versioned ? { versionId: object.versionId } : {}) },
            action: 'SEAL',
            reason: `would be sealed in place (${BODY.length} bytes, ETag ${object.eTag})`,
          },
        ]);
        // The plan (stderr) says what will be done, not "to quarantine"; with --yes it did not look at the object, so its
        // size is the finding's (the stand-in's findings say 1 KiB) and it says so.
        expect(sealed.stderr).toMatch(/quarantine key\s+action\n/);
        expect(sealed.stderr).toContain('1 object(s), 1.0 KiB: 1 to seal in place (as the findings saw them)');
        expect(sealed.code).toBe(0);
        expect(json(sealed)).toEqual({
          results: [
            {
              findingId: id,
              outcome: 'SEALED',
              source: { bucket, key, ...(versioned ? { versionId: object.versionId } : {}) },
              action: 'SEAL',
            },
          ],
          summary: { SEALED: 1 },
        });
        expect(head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: QUARANTINE_KEY });
        expect(head.Metadata).toMatchObject({ ...WRITTEN.Metadata, 'macie-remediate-sealed': id });
        if (versioned) {
          // Only the sealed version holds the bytes now: neither the scanned nor the older readable one is left.
          expect(versionsWhileSealed).toHaveLength(1);
          expect(versionsWhileSealed).not.toContain(object.versionId);
          expect(versionsWhileSealed).not.toContain(older?.versionId);
        }
        expect(row).toMatchObject({ findingId: id, action: 'SEAL', quarantine: null });
        expect(actions).toContain('sealed');
        expect(restored.code).toBe(0);
        expect(json(restored).results).toEqual([expect.objectContaining({ outcome: 'RESTORED', action: 'SEAL' })]);
        expect(await bytesOf(bucket, key)).toBe(BODY);
        expect(described(after)).toEqual(described(before));
        expect(await tagsOf(bucket, key)).toEqual({ team: 'hr', pii: 'yes' });
        expect((await stack.ledger.get(id))?.state).toBe('RESTORED');
      },
    );

    it('without the quarantine key a seal is FAILED before anything is written', async () => {
      // Prepare
      const object = await put(stack.sourceBucket, 'hr/no-key.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;

      // Act
      const sealed = await stack.run(['remediate', id, '--action', 'seal', '--yes', '--json']);

      // Assess
      expect(sealed.code).toBe(1);
      expect(json(sealed).results).toEqual([
        expect.objectContaining({ outcome: 'FAILED', reason: expect.stringContaining('no quarantine KMS key') }),
      ]);
      expect((await headOf(stack.sourceBucket, object.key)).ServerSideEncryption).toBe('AES256');
    });

    it('a quarantine key that is not a KMS key ARN is exit 2, one line, nothing changed', async () => {
      // Prepare
      const object = await put(stack.sourceBucket, 'hr/bad-key.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;

      // Act
      const refused = await run(['remediate', id, '--action', 'seal', '--yes'], {
        MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID: 'alias/quarantine',
      });

      // Assess
      expect(refused.code).toBe(2);
      expect(refused.stderr.trim().split('\n')).toEqual([
        expect.stringContaining('MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID: must be a KMS key ARN'),
      ]);
      expect(await stack.ledger.get(id)).toBeUndefined();
      expect((await headOf(stack.sourceBucket, object.key)).ServerSideEncryption).toBe('AES256');
    });
  });

  describe('TAG', () => {
    it('tags the object with its classification; restore takes off that tag only', async () => {
      // Prepare
      const object = await put(stack.sourceBucket, 'hr/tagged.csv');
      const id = stack.addFinding(object, PERSONAL, { severity: 'High' }).id as string;

      // Act
      const tagged = await run(['remediate', id, '--action', 'tag', '--yes', '--json']);
      const tagsWhileTagged = await tagsOf(stack.sourceBucket, object.key);
      const row = await listed(id);
      const restored = await run(['restore', id, '--yes', '--json']);

      // Assess
      expect(tagged.code).toBe(0);
      expect(json(tagged).results).toEqual([expect.objectContaining({ outcome: 'TAGGED', action: 'TAG' })]);
      expect(tagsWhileTagged).toEqual({
        team: 'hr',
        pii: 'yes',
        'macie-remediate:classification': `HIGH ${PERSONAL} ${id}`,
      });
      expect(row).toMatchObject({ action: 'TAG', quarantine: null });
      expect(await historyActions(id)).toContain('tagged');
      expect(json(restored).results).toEqual([expect.objectContaining({ outcome: 'RESTORED', action: 'TAG' })]);
      expect(await tagsOf(stack.sourceBucket, object.key)).toEqual({ team: 'hr', pii: 'yes' });
      expect(await bytesOf(stack.sourceBucket, object.key)).toBe(BODY);
    });
  });

  describe('the policy chooses (remediationActions)', () => {
    const SEAL_PERSONAL = { MACIE_REMEDIATE_REMEDIATION_ACTIONS: JSON.stringify({ Personal: 'SEAL' }) };

    it('remediate without --action seals what the policy says to seal', async () => {
      // Prepare
      const object = await put(stack.sourceBucket, 'hr/policy.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;

      // Act
      const sealed = await run(['remediate', id, '--yes', '--json'], SEAL_PERSONAL);

      // Assess
      expect(json(sealed).results).toEqual([expect.objectContaining({ outcome: 'SEALED', action: 'SEAL' })]);
      expect((await headOf(stack.sourceBucket, object.key)).SSEKMSKeyId).toBe(QUARANTINE_KEY);
      expect((await stack.ledger.get(id))?.remediation).toBe('SEAL');
    });

    it('a plan keeps the action it was made with, whatever the policy says when it is applied', async () => {
      // Prepare
      const object = await put(stack.sourceBucket, 'hr/planned.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;
      const planned = await run(['remediate', id, '--plan', 'seal-plan.json', '--json'], SEAL_PERSONAL);

      // Act: applied without remediationActions, whose default is QUARANTINE
      const applied = await run(['apply', 'seal-plan.json', '--yes', '--json']);

      // Assess
      expect(planned.code).toBe(0);
      expect(JSON.parse(readFileSync(join(stack.cwd, 'seal-plan.json'), 'utf8')).items).toEqual([
        expect.objectContaining({ findingId: id, action: 'SEAL' }),
      ]);
      expect(json(applied).results).toEqual([expect.objectContaining({ outcome: 'SEALED', action: 'SEAL' })]);
      expect((await headOf(stack.sourceBucket, object.key)).SSEKMSKeyId).toBe(QUARANTINE_KEY);
    });

    it('asks, or refuses without a terminal, in the words of the action', async () => {
      // Prepare
      const object = await put(stack.sourceBucket, 'hr/ask-first.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;

      // Act
      const refused = await run(['remediate', id, '--action', 'tag']);

      // Assess
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain('error: refusing to tag 1 object(s) without confirmation: pass --yes');
      expect(await bytesOf(stack.sourceBucket, object.key)).toBe(BODY);
    });

    it('an unknown --action is exit 2, one line, nothing changed', async () => {
      // Prepare
      const object = await put(stack.sourceBucket, 'hr/delete-me.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;

      // Act
      const refused = await run(['remediate', id, '--action', 'delete', '--yes']);

      // Assess
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      // commander's error line, and its hint
      expect(refused.stderr.trim().split('\n')).toEqual([
        "error: option '--action <action>' argument 'delete' is invalid. must be QUARANTINE, SEAL or TAG.",
        '(run with --help for usage)',
      ]);
      expect(await stack.ledger.get(id)).toBeUndefined();
      expect(await bytesOf(stack.sourceBucket, object.key)).toBe(BODY);
    });
  });

  describe('exemptions', () => {
    const EXEMPT_TAG = 'macie-remediate:exempt';
    /** Its own bucket, so each backfill here meets only this block's findings. */
    let bucket: string;

    beforeAll(async () => {
      bucket = uniqueName('exempts');
      await stack.s3.send(new CreateBucketCommand({ Bucket: bucket }));
    });
    const backfill = (type: string, env: Record<string, string> = {}) =>
      run(['backfill', '--bucket', bucket, '--type', type, '--json'], env);

    it('exempt tags the object and dismisses the finding; a later finding of it is IGNORED and recorded once', async () => {
      // Prepare: announced for review by a backfill
      const object = await put(bucket, 'hr/known.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;
      expect((await backfill('Personal')).code).toBe(0);
      expect((await stack.ledger.get(id))?.state).toBe('AWAITING_REVIEW');

      // Act
      const exempted = await run(['exempt', id, '--reason', 'synthetic test data, ticket SEC-9', '--json']);
      const tags = await tagsOf(bucket, object.key);
      // Macie scans it again and reports the tag it now carries
      const rescan = stack.addFinding(object, PERSONAL, { createdAt: new Date().toISOString() });
      (rescan.resourcesAffected?.s3Object as { tags: unknown[] }).tags = [{ key: EXEMPT_TAG, value: tags[EXEMPT_TAG] }];
      const first = await backfill('Personal');
      const second = await backfill('Personal');

      // Assess
      expect(exempted.code).toBe(0);
      expect(json(exempted).results).toEqual([expect.objectContaining({ findingId: id, outcome: 'EXEMPTED' })]);
      expect(tags).toMatchObject({ team: 'hr', pii: 'yes', [EXEMPT_TAG]: expect.any(String) });
      const record = await stack.ledger.get(id);
      expect(record?.state).toBe('DISMISSED');
      expect(record?.history.at(-1)).toMatchObject({ action: 'exempted', reason: 'synthetic test data, ticket SEC-9' });
      expect(await bytesOf(bucket, object.key)).toBe(BODY);
      const again = await stack.ledger.get(rescan.id as string);
      expect(again?.state).toBe('IGNORED');
      expect(again?.history).toEqual([
        expect.objectContaining({
          action: 'exempted',
          detail: expect.stringContaining(`the object carries the exemption tag ${EXEMPT_TAG}`),
        }),
      ]);
      for (const ran of [first, second])
        expect(json(ran).results).toContainEqual(expect.objectContaining({ findingId: rescan.id, outcome: 'IGNORED' }));
    });

    it('exempt refuses a quarantined finding with its reason and changes nothing', async () => {
      // Prepare
      const object = await put(bucket, 'hr/moved.csv');
      const id = stack.addFinding(object, PERSONAL).id as string;
      expect((await run(['remediate', id, '--yes'])).code).toBe(0);
      const before = await stack.ledger.get(id);

      // Act
      const refused = await run(['exempt', id, '--reason', 'known', '--json']);

      // Assess: refused as dismiss refuses a finding in the wrong state, naming why
      expect(refused.code).toBe(1);
      expect(json(refused).results).toEqual([
        expect.objectContaining({
          outcome: 'FAILED',
          reason: 'not exempted: its object is quarantined: restore it first',
        }),
      ]);
      const after = await stack.ledger.get(id);
      expect(after?.state).toBe('QUARANTINED');
      expect(after?.history).toHaveLength(before?.history.length ?? 0);
    });

    it.each([
      { name: 'without --reason', args: (id: string) => ['exempt', id], line: /reason/ },
      {
        name: 'an unknown id',
        args: () => ['exempt', '0123456789abcdef0123456789abcdef', '--reason', 'known'],
        line: /finding 0123456789abcdef0123456789abcdef not found in the ledger/,
      },
    ])('exempt $name is exit 2, one line, nothing changed', async ({ args, line }) => {
      // Prepare
      const object = await put(bucket, `hr/usage-${uniqueName('x')}.csv`);
      const id = stack.addFinding(object, PERSONAL).id as string;
      expect((await backfill('Personal')).code).toBe(0);
      const before = await stack.ledger.get(id);

      // Act
      const refused = await run(args(id), { MACIE_REMEDIATE_REASON_REQUIRED: 'none' });

      // Assess
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(line)]);
      expect((await stack.ledger.get(id))?.history).toHaveLength(before?.history.length ?? 0);
      expect(await tagsOf(bucket, object.key)).toEqual({ team: 'hr', pii: 'yes' });
    });

    it('backfill records an object under an exempt prefix IGNORED with that reason, once', async () => {
      // Prepare
      const object = await put(bucket, 'public/brochure.csv');
      const id = stack.addFinding(object, 'SensitiveData:S3Object/Financial').id as string;
      const prefixes = { MACIE_REMEDIATE_EXEMPT_PREFIXES: JSON.stringify({ [bucket]: ['public/'] }) };

      // Act
      const first = await backfill('Financial', prefixes);
      const second = await backfill('Financial', prefixes);

      // Assess: Financial is AUTO, yet nothing moved
      expect([first.code, second.code]).toEqual([0, 0]);
      const record = await stack.ledger.get(id);
      expect(record?.state).toBe('IGNORED');
      expect(record?.history).toEqual([
        expect.objectContaining({
          action: 'exempted',
          detail: expect.stringContaining(`the object is under the exempt prefix public/ of bucket ${bucket}`),
        }),
      ]);
      expect(await bytesOf(bucket, object.key)).toBe(BODY);
    });
  });
});
