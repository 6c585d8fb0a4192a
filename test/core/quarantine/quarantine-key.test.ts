import {
  buildQuarantineKey,
  findingPrefix,
  parseQuarantineKey,
  restoreReceiptKey,
} from '../../../core/quarantine/quarantine-key';

describe('quarantine keys', () => {
  it('builds <findingId>/<bucket>/<key> and parses it back, keys kept raw', () => {
    const key = 'dir with space/a+b?c#d%20é//x';
    const built = buildQuarantineKey('abc123', 'my-bucket', key);
    expect(built).toEqual({ key: `abc123/my-bucket/${key}`, sourceKeyInMetadata: false });
    expect(parseQuarantineKey(built.key)).toEqual({ findingId: 'abc123', bucket: 'my-bucket', key });
  });

  it('gives two findings on one object two keys, and one finding always the same key', () => {
    expect(buildQuarantineKey('f1', 'b', 'k').key).not.toBe(buildQuarantineKey('f2', 'b', 'k').key);
    expect(buildQuarantineKey('f1', 'b', 'k')).toEqual(buildQuarantineKey('f1', 'b', 'k'));
  });

  it('percent-encodes a finding id holding a slash, so the prefix stays one segment', () => {
    expect(findingPrefix('a/b')).toBe('a%2Fb/');
    expect(parseQuarantineKey(buildQuarantineKey('a/b', 'bkt', 'k').key)?.findingId).toBe('a/b');
  });

  it('names the copy by a digest when the key would pass 1024 UTF-8 bytes', () => {
    const key = `${'é'.repeat(510)}.csv`; // 1024 bytes alone
    const built = buildQuarantineKey('f', 'bucket', key);
    expect(built.sourceKeyInMetadata).toBe(true);
    expect(built.key).toMatch(/^f\/bucket\/_long-key_[0-9a-f]{64}$/);
    expect(buildQuarantineKey('f', 'bucket', key).key).toBe(built.key);
  });

  it.each(['README', 'no-bucket/', '/leading', 'f//k', 'f/b/'])('does not parse %j', (key) => {
    expect(parseQuarantineKey(key)).toBeUndefined();
  });

  it("keeps a restore's receipt outside the finding's prefix, never read as a copy", () => {
    const receipt = restoreReceiptKey('a/b');
    expect(receipt).toBe('_restored/a%2Fb');
    expect(receipt.startsWith(findingPrefix('a/b'))).toBe(false);
    expect(parseQuarantineKey(receipt)).toBeUndefined();
  });
});
