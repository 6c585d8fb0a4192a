import { HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { failOn, recordCalls } from '../../support/fault-injection';
import { recordingLogger } from '../../support/recording-logger';
import {
  createBucket,
  findingId,
  head,
  NOW,
  newEngine,
  putObject,
  readText,
  tagsOf,
  target,
  useQuarantineBucket,
  versionsOf,
} from './support/s3-fixtures';

describe('QuarantineEngine.quarantine (moto)', () => {
  let s3: S3Client;
  let quarantineBucket: string;

  useQuarantineBucket((opened) => {
    ({ s3, quarantineBucket } = opened);
  });

  describe('unversioned source', () => {
    it('moves the object: the copy holds the bytes, the source is gone', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'reports/people.csv', 'name,ssn\nAda,123-45-6789\n');
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket);

      // Act
      const result = await engine.quarantine(target(id, bucket, 'reports/people.csv'));

      // Assess
      expect(result.outcome).toBe('QUARANTINED');
      if (result.outcome !== 'QUARANTINED') return;
      expect(result.copy).toMatchObject({
        findingId: id,
        source: { bucket, key: 'reports/people.csv' },
        quarantine: { bucket: quarantineBucket, key: `${id}/${bucket}/reports/people.csv` },
        size: 25,
        quarantinedAt: NOW.toISOString(),
        actor: 'cli:tester',
      });
      expect(result.copy.source.versionId).toBeUndefined();
      expect(await readText(s3, quarantineBucket, result.copy.quarantine.key)).toBe('name,ssn\nAda,123-45-6789\n');
      expect(await readText(s3, bucket, 'reports/people.csv')).toBeUndefined();
    });

    it('keeps the bytes, content headers, user metadata and tags, and records provenance in metadata', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      const expires = new Date('2030-01-01T00:00:00.000Z');
      await putObject(s3, bucket, 'payroll.json.gz', new Uint8Array([31, 139, 8, 0, 1, 2, 3]), {
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
        CacheControl: 'no-store',
        ContentDisposition: 'attachment; filename="payroll.json.gz"',
        ContentLanguage: 'en-GB',
        Expires: expires,
        Metadata: { owner: 'finance', 'cost-centre': '42' },
        Tagging: 'team=finance&classification=secret%20stuff',
      });
      const id = findingId();

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(target(id, bucket, 'payroll.json.gz'));

      // Assess
      if (result.outcome !== 'QUARANTINED') throw new Error(`unexpected ${JSON.stringify(result)}`);
      const copyKey = result.copy.quarantine.key;
      const copy = await s3.send(new HeadObjectCommand({ Bucket: quarantineBucket, Key: copyKey }));
      expect(copy).toMatchObject({
        ContentType: 'application/json',
        ContentEncoding: 'gzip',
        CacheControl: 'no-store',
        ContentDisposition: 'attachment; filename="payroll.json.gz"',
        ContentLanguage: 'en-GB',
        ContentLength: 7,
      });
      expect(copy.Expires?.toISOString()).toBe(expires.toISOString());
      expect(copy.Metadata).toMatchObject({
        owner: 'finance',
        'cost-centre': '42',
        'macie-remediate-finding-id': id,
        'macie-remediate-quarantined-at': encodeURIComponent(NOW.toISOString()),
        'macie-remediate-actor': encodeURIComponent('cli:tester'),
      });
      expect(copy.Metadata?.['macie-remediate-source-etag']).toMatch(/^[0-9a-f]{32}$/);
      expect(await tagsOf(s3, quarantineBucket, copyKey)).toEqual({ team: 'finance', classification: 'secret stuff' });
    });

    it('reports STALE when the object changed since the scan, and quarantines it with force', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'notes.txt', 'rewritten after the scan');
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket);
      const scanned = target(id, bucket, 'notes.txt', { eTag: '0123456789abcdef0123456789abcdef' });

      // Act
      const stale = await engine.quarantine(scanned);
      const forced = await engine.quarantine({ ...scanned, force: true });

      // Assess
      expect(stale).toMatchObject({ outcome: 'STALE', reason: expect.stringContaining('changed since the scan') });
      expect(forced.outcome).toBe('QUARANTINED');
      expect(await readText(s3, bucket, 'notes.txt')).toBeUndefined();
    });

    it('matches the finding ETag with or without quotes, in any case', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      const put = await putObject(s3, bucket, 'a.txt', 'secret');
      const quoted = (put.ETag ?? '').toUpperCase();

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(
        target(findingId(), bucket, 'a.txt', { eTag: quoted }),
      );

      // Assess
      expect(result.outcome).toBe('QUARANTINED');
    });

    it('is idempotent: the second run reports ALREADY_QUARANTINED and changes nothing', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'k.txt', 'card 4111 1111 1111 1111');
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket);
      const first = await engine.quarantine(target(id, bucket, 'k.txt'));
      if (first.outcome !== 'QUARANTINED') throw new Error(first.outcome);
      const before = await versionsOf(s3, quarantineBucket, first.copy.quarantine.key);
      const recording = recordCalls(s3);

      // Act
      const second = await engine.quarantine(target(id, bucket, 'k.txt'));

      // Assess
      recording.remove();
      expect(second).toEqual({ outcome: 'ALREADY_QUARANTINED', copy: first.copy });
      expect(await versionsOf(s3, quarantineBucket, first.copy.quarantine.key)).toEqual(before);
      const writes = recording.calls.filter((c) => !/^(Head|Get|List)/.test(c.command));
      expect(writes).toEqual([]);
    });

    it('treats versionId "" as absent', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'x.txt', 'x');

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(
        target(findingId(), bucket, 'x.txt', { versionId: '' }),
      );

      // Assess
      expect(result.outcome).toBe('QUARANTINED');
      if (result.outcome === 'QUARANTINED') expect(result.copy.source.versionId).toBeUndefined();
    });

    it('keeps two copies for two findings on the same key', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      const engine = newEngine(s3, quarantineBucket);
      const [first, second] = [findingId(), findingId()];
      await putObject(s3, bucket, 'same.txt', 'first upload');
      const a = await engine.quarantine(target(first, bucket, 'same.txt'));
      await putObject(s3, bucket, 'same.txt', 'second upload');

      // Act
      const b = await engine.quarantine(target(second, bucket, 'same.txt'));

      // Assess
      if (a.outcome !== 'QUARANTINED' || b.outcome !== 'QUARANTINED') throw new Error(`${a.outcome} ${b.outcome}`);
      expect(a.copy.quarantine.key).not.toBe(b.copy.quarantine.key);
      expect(await readText(s3, quarantineBucket, a.copy.quarantine.key)).toBe('first upload');
      expect(await readText(s3, quarantineBucket, b.copy.quarantine.key)).toBe('second upload');
    });

    it('leaves a new object at the key alone when the finding is already quarantined', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      const engine = newEngine(s3, quarantineBucket);
      const id = findingId();
      await putObject(s3, bucket, 'reused.txt', 'scanned data');
      await engine.quarantine(target(id, bucket, 'reused.txt'));
      await putObject(s3, bucket, 'reused.txt', 'a new, unrelated upload');

      // Act
      const again = await engine.quarantine(target(id, bucket, 'reused.txt'));

      // Assess
      expect(again.outcome).toBe('ALREADY_QUARANTINED');
      expect(await readText(s3, bucket, 'reused.txt')).toBe('a new, unrelated upload');
    });

    it('moves a first move with 3 requests: no look for an earlier copy, which no run can have made', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'first.csv', 'name,iban\nAda,DE89370400440532013000\n');
      const id = findingId();
      const recording = recordCalls(s3);

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(
        target(id, bucket, 'first.csv', {}, { firstMove: true }),
      );

      // Assess
      recording.remove();
      expect(result.outcome).toBe('QUARANTINED');
      expect(recording.calls.map((c) => [c.command, c.input.Bucket])).toEqual([
        ['HeadObjectCommand', bucket],
        ['CopyObjectCommand', quarantineBucket],
        ['DeleteObjectCommand', bucket],
      ]);
      expect(await readText(s3, quarantineBucket, `${id}/${bucket}/first.csv`)).toContain('Ada');
    });

    it('leaves a copy at the key of a "first" move as it is: S3 refuses the exclusive copy onto it', async () => {
      // Prepare: the finding's copy is there (its ledger record lost, say) and its bytes are back at the source.
      // S3 answers a CopyObject with If-None-Match: * onto an existing key 412; moto copies anyway, so the
      // answer is S3's, given by the client's own stack.
      const bucket = await createBucket(s3, 'src');
      const engine = newEngine(s3, quarantineBucket);
      const id = findingId();
      await putObject(s3, bucket, 'again.csv', 'scanned data');
      const first = await engine.quarantine(target(id, bucket, 'again.csv'));
      await putObject(s3, bucket, 'again.csv', 'scanned data');
      const refused = failOn(s3, {
        command: 'CopyObjectCommand',
        match: (input) => input.IfNoneMatch === '*',
        error: { name: 'PreconditionFailed', status: 412 },
      });

      // Act
      const again = await engine.quarantine(target(id, bucket, 'again.csv', {}, { firstMove: true }));

      // Assess: the copy there is the move's; the source, the same bytes, goes
      refused.remove();
      expect(first.outcome).toBe('QUARANTINED');
      expect(refused.injected).toBe(1);
      expect(again.outcome).toBe('QUARANTINED');
      expect((await versionsOf(s3, quarantineBucket, `${id}/${bucket}/again.csv`)).versions).toHaveLength(1);
      expect(await readText(s3, quarantineBucket, `${id}/${bucket}/again.csv`)).toBe('scanned data');
      expect(await readText(s3, bucket, 'again.csv')).toBeUndefined();
    });
  });

  describe('versioned source', () => {
    it('quarantines the exact version the finding names and deletes it without a delete marker', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'vsrc', true);
      const v1 = await putObject(s3, bucket, 'doc.txt', 'v1 with a passport number');
      const v2 = await putObject(s3, bucket, 'doc.txt', 'v2 clean');

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(
        target(findingId(), bucket, 'doc.txt', { versionId: v1.VersionId, eTag: 'not-checked-when-pinned' }),
      );

      // Assess
      if (result.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(result));
      expect(result.copy.source.versionId).toBe(v1.VersionId);
      expect(await readText(s3, quarantineBucket, result.copy.quarantine.key)).toBe('v1 with a passport number');
      const { versions, deleteMarkers } = await versionsOf(s3, bucket, 'doc.txt');
      expect(versions.map((v) => v.VersionId)).toEqual([v2.VersionId]);
      expect(deleteMarkers).toEqual([]);
      expect(await readText(s3, bucket, 'doc.txt')).toBe('v2 clean');
    });

    it('pins the current version when the finding has none, and hides the key instead of rolling it back', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'vsrc', true);
      const old = await putObject(s3, bucket, 'doc.txt', 'older, different content');
      const current = await putObject(s3, bucket, 'doc.txt', 'current with secrets');

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(target(findingId(), bucket, 'doc.txt'));

      // Assess
      if (result.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(result));
      expect(result.copy.source.versionId).toBe(current.VersionId);
      expect(await readText(s3, bucket, 'doc.txt', current.VersionId)).toBeUndefined();
      expect(await readText(s3, bucket, 'doc.txt')).toBeUndefined();
      const { versions, deleteMarkers } = await versionsOf(s3, bucket, 'doc.txt');
      expect(versions.map((v) => v.VersionId)).toEqual([old.VersionId]);
      expect(deleteMarkers).toHaveLength(1);
    });

    it('also removes older versions holding the same bytes (same ETag), and only those', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'vsrc', true);
      const twin = await putObject(s3, bucket, 'doc.txt', 'the sensitive bytes');
      const other = await putObject(s3, bucket, 'doc.txt', 'something else');
      const scanned = await putObject(s3, bucket, 'doc.txt', 'the sensitive bytes');
      await putObject(s3, bucket, 'doc.txt.bak', 'the sensitive bytes');

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(
        target(findingId(), bucket, 'doc.txt', { versionId: scanned.VersionId }),
      );

      // Assess
      expect(result.outcome).toBe('QUARANTINED');
      const left = (await versionsOf(s3, bucket, 'doc.txt')).versions.map((v) => v.VersionId);
      expect(left).toEqual([other.VersionId]);
      expect(left).not.toContain(twin.VersionId);
      expect(await readText(s3, bucket, 'doc.txt.bak')).toBe('the sensitive bytes');
    });

    it('reports SOURCE_MISSING when the named version no longer exists', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'vsrc', true);
      await putObject(s3, bucket, 'doc.txt', 'current');

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(
        target(findingId(), bucket, 'doc.txt', { versionId: 'deleted-version-id' }),
      );

      // Assess
      expect(result).toMatchObject({
        outcome: 'SOURCE_MISSING',
        reason: expect.stringContaining('deleted-version-id'),
      });
    });
  });

  describe('missing and unreachable sources', () => {
    it('reports SOURCE_MISSING for a missing key', async () => {
      const bucket = await createBucket(s3, 'src');
      const result = await newEngine(s3, quarantineBucket).quarantine(target(findingId(), bucket, 'nothing-here.txt'));
      expect(result).toEqual({ outcome: 'SOURCE_MISSING', reason: `s3://${bucket}/nothing-here.txt does not exist` });
    });

    it('reports SOURCE_MISSING, naming the bucket, when the bucket does not exist (sample findings)', async () => {
      const result = await newEngine(s3, quarantineBucket).quarantine(
        target(findingId(), 'macie-sample-finding-bucket', 'sample.csv'),
      );
      expect(result).toEqual({
        outcome: 'SOURCE_MISSING',
        reason: 'bucket macie-sample-finding-bucket does not exist',
      });
    });

    it('fails with a plain reason for an object in Glacier, leaving it in place', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'cold.csv', 'archived data', { StorageClass: 'GLACIER' });

      // Act
      const result = await newEngine(s3, quarantineBucket).quarantine(target(findingId(), bucket, 'cold.csv'));

      // Assess
      expect(result).toMatchObject({
        outcome: 'FAILED',
        step: 'inspect',
        reason: expect.stringContaining('is archived (GLACIER): restore it from the archive'),
      });
      expect(await head(s3, bucket, 'cold.csv')).toBeDefined();
    });
  });

  describe('keys', () => {
    const weirdKeys = [
      'dir with spaces/file name.xlsx',
      'a+b=c&d;e,f.csv',
      'unicode/Ünïcödé 名前 😀.txt',
      'what?is#this%20and%2F.txt',
      'double//slash/x.txt',
      ' leading and trailing ',
      'tilde~and*star(1)!.txt',
    ];

    it.each(weirdKeys)('quarantines and restores %j', async (key) => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, key, `content of ${key}`);
      const decoy = `${key}-decoy`;
      await putObject(s3, bucket, decoy, 'decoy');
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket);

      // Act
      const moved = await engine.quarantine(target(id, bucket, key));
      const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

      // Assess
      if (moved.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(moved));
      expect(moved.copy.quarantine.key).toBe(`${id}/${bucket}/${key}`);
      expect(moved.copy.source.key).toBe(key);
      expect(restored).toMatchObject({ outcome: 'RESTORED', restored: { bucket, key } });
      expect(await readText(s3, bucket, key)).toBe(`content of ${key}`);
      expect(await readText(s3, bucket, decoy)).toBe('decoy');
    });

    it('names a copy by digest when the key would pass 1024 bytes, and restores it to the original key', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      const key = `${'deep/'.repeat(170)}ü-${'x'.repeat(150)}.csv`; // 1007 bytes
      await putObject(s3, bucket, key, 'long');
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket);

      // Act
      const moved = await engine.quarantine(target(id, bucket, key));
      const located = await engine.locate(id);
      const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

      // Assess
      if (moved.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(moved));
      expect(moved.copy.quarantine.key).toMatch(new RegExp(`^${id}/${bucket}/_long-key_[0-9a-f]{64}$`));
      expect(located?.source.key).toBe(key);
      expect(restored.outcome).toBe('RESTORED');
      expect(await readText(s3, bucket, key)).toBe('long');
    });
  });

  describe('metadata limits', () => {
    it('leaves out optional provenance when the source metadata leaves no room, and still quarantines', async () => {
      // Prepare
      const bucket = await createBucket(s3, 'src');
      await putObject(s3, bucket, 'fat.txt', 'fat', { Metadata: { blob: 'm'.repeat(1900) } });
      const log = recordingLogger();
      const id = findingId();
      const engine = newEngine(s3, quarantineBucket, { logger: log.logger });

      // Act
      const result = await engine.quarantine(target(id, bucket, 'fat.txt'));

      // Assess
      if (result.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(result));
      expect(log.at('warn')).toHaveLength(1);
      expect(result.copy.actor).toBe('unknown');
      const copy = await head(s3, quarantineBucket, result.copy.quarantine.key);
      expect(copy?.Metadata?.blob).toHaveLength(1900);
    });
  });

  describe('locate and list', () => {
    it('locates a finding copy and lists every copy in the bucket', async () => {
      // Prepare
      const ownQuarantine = await createBucket(s3, 'quarantine');
      const bucket = await createBucket(s3, 'src', true);
      const engine = newEngine(s3, ownQuarantine);
      const ids = [findingId(), findingId(), findingId()];
      for (const [i, id] of ids.entries()) {
        await putObject(s3, bucket, `file-${i}.txt`, `data ${i}`);
        await engine.quarantine(target(id, bucket, `file-${i}.txt`, {}, { actor: `slack:U${i}` }));
      }
      await s3.send(new PutObjectCommand({ Bucket: ownQuarantine, Key: 'README', Body: 'not a copy' }));

      // Act
      const located = await engine.locate(ids[1] ?? '');
      const missing = await engine.locate('no-such-finding');
      const listed = [];
      for await (const copy of engine.list()) listed.push(copy);

      // Assess
      expect(located).toMatchObject({ findingId: ids[1], actor: 'slack:U1', source: { bucket, key: 'file-1.txt' } });
      expect(located?.source.versionId).toEqual(expect.any(String));
      expect(missing).toBeUndefined();
      expect(listed.map((c) => c.findingId).sort()).toEqual([...ids].sort());
      expect(listed.every((c) => c.quarantinedAt === NOW.toISOString())).toBe(true);
    });
  });
});
