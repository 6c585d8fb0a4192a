import { compareObjects } from '../../../core/quarantine/compare-objects';
import { formatCopySource } from '../../../core/quarantine/copy-source';
import type { ObjectSnapshot } from '../../../core/quarantine/head-object';
import { mapConcurrent } from '../../../core/quarantine/map-concurrent';
import { normaliseETag } from '../../../core/quarantine/normalise-etag';
import { MAX_PARTS, planParts } from '../../../core/quarantine/plan-parts';
import { classifyS3Error, describeS3Error, isS3Error } from '../../../core/quarantine/s3-errors';

describe('formatCopySource', () => {
  it('encodes each key segment, keeping the slashes', () => {
    expect(formatCopySource('b', 'a dir/x+y?z#w%/é.txt')).toBe('b/a%20dir/x%2By%3Fz%23w%25/%C3%A9.txt');
  });

  it('appends an encoded version id', () => {
    expect(formatCopySource('b', 'k', 'v+1')).toBe('b/k?versionId=v%2B1');
  });
});

describe('normaliseETag', () => {
  it.each([
    ['"ABC"', 'abc'],
    ['abc-2', 'abc-2'],
    ['""', undefined],
    [undefined, undefined],
  ])('%j → %j', (input, expected) => {
    expect(normaliseETag(input)).toBe(expected);
  });
});

describe('planParts', () => {
  it('covers every byte once with contiguous inclusive ranges', () => {
    expect(planParts(11, 5)).toEqual([
      { partNumber: 1, first: 0, last: 4 },
      { partNumber: 2, first: 5, last: 9 },
      { partNumber: 3, first: 10, last: 10 },
    ]);
  });

  it('grows the part size to stay within 10,000 parts', () => {
    const parts = planParts(5 * 1024 ** 4, 512 * 1024 ** 2);
    expect(parts.length).toBeLessThanOrEqual(MAX_PARTS);
    expect(parts.at(-1)?.last).toBe(5 * 1024 ** 4 - 1);
  });
});

describe('compareObjects', () => {
  const base: ObjectSnapshot = {
    bucket: 'b',
    key: 'k',
    size: 10,
    eTag: 'e1',
    headers: {},
    metadata: {},
    archived: false,
    encryption: { algorithm: 'NONE' },
  };
  const crc = (value: string, type: 'FULL_OBJECT' | 'COMPOSITE' = 'FULL_OBJECT') => ({
    algorithm: 'CRC32' as const,
    value,
    type,
  });

  it.each([
    ['sizes differ', base, { ...base, size: 11 }, 'different'],
    [
      'full-object checksums match',
      { ...base, checksum: crc('x') },
      { ...base, eTag: 'e2', checksum: crc('x') },
      'same',
    ],
    ['full-object checksums differ', { ...base, checksum: crc('x') }, { ...base, checksum: crc('y') }, 'different'],
    [
      'composite checksums differ, ETags equal',
      { ...base, checksum: crc('x', 'COMPOSITE') },
      { ...base, checksum: crc('y', 'COMPOSITE') },
      'same',
    ],
    ['only ETags, equal', base, { ...base }, 'same'],
    ['only ETags, different (SSE-KMS, part layout)', base, { ...base, eTag: 'e2' }, 'unknown'],
    [
      'checksums of different algorithms',
      { ...base, checksum: crc('x') },
      { ...base, eTag: 'e2', checksum: { ...crc('y'), algorithm: 'SHA256' as const } },
      'unknown',
    ],
  ])('%s → %s', (_name, original, copy, verdict) => {
    expect(compareObjects(original, copy).verdict).toBe(verdict);
  });
});

describe('S3 error mapping', () => {
  const err = (name: string, status?: number) => ({
    name,
    message: `${name} happened`,
    $metadata: { httpStatusCode: status },
  });

  it.each([
    [err('NoSuchKey', 404), 'not-found'],
    [err('NotFound', 404), 'not-found'],
    [err('UnknownError', 404), 'not-found'],
    [err('NoSuchBucket', 404), 'no-bucket'],
    [err('PreconditionFailed', 412), 'precondition'],
    [err('AccessDenied', 403), 'access-denied'],
    [err('InvalidObjectState', 403), 'archived'],
    [err('MethodNotAllowed', 405), 'unsupported'],
    [err('SlowDown', 503), 'other'],
  ])('%o is %s', (error, kind) => {
    expect(classifyS3Error(error)).toBe(kind);
  });

  it('tells SDK failures from bugs by $metadata', () => {
    expect(isS3Error(err('AccessDenied', 403))).toBe(true);
    expect(isS3Error(new TypeError('x'))).toBe(false);
  });

  it('describes the code, the status and the message', () => {
    expect(describeS3Error(err('AccessDenied', 403))).toBe('AccessDenied (HTTP 403): AccessDenied happened');
  });
});

describe('mapConcurrent', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapConcurrent([5, 1, 4, 2, 3], 2, async (n) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running -= 1;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30]);
    expect(peak).toBe(2);
  });

  it('starts nothing new after a failure and rethrows once the others settle', async () => {
    const started: number[] = [];
    await expect(
      mapConcurrent([1, 2, 3, 4, 5], 1, async (n) => {
        started.push(n);
        if (n === 2) throw new Error('part 2 failed');
        return n;
      }),
    ).rejects.toThrow('part 2 failed');
    expect(started).toEqual([1, 2]);
  });
});
