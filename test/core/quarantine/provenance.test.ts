import {
  decodeProvenance,
  encodeProvenance,
  METADATA_LIMIT_BYTES,
  stripProvenance,
} from '../../../core/quarantine/provenance';

const provenance = {
  findingId: 'f1',
  sourceVersionId: 'v1',
  sourceETag: 'abc',
  quarantinedAt: '2026-11-27T10:00:00.000Z',
  actor: 'cli:Zoë',
};

describe('provenance metadata', () => {
  it('adds ASCII-safe fields to the source metadata and reads them back', () => {
    const encoded = encodeProvenance(provenance, { owner: 'hr' });
    if (!encoded.ok) throw new Error(encoded.reason);
    expect(encoded.dropped).toEqual([]);
    expect(encoded.metadata.owner).toBe('hr');
    expect(Object.values(encoded.metadata).every((v) => /^[\x20-\x7e]*$/.test(v))).toBe(true);
    expect(decodeProvenance(encoded.metadata)).toEqual(provenance);
    expect(stripProvenance(encoded.metadata)).toEqual({ owner: 'hr' });
  });

  it('carries a unicode source key that did not fit in the quarantine key', () => {
    const sourceKey = `dossier/${'é'.repeat(400)}.pdf`;
    const encoded = encodeProvenance({ ...provenance, sourceKey }, {});
    if (!encoded.ok) throw new Error(encoded.reason);
    expect(decodeProvenance(encoded.metadata).sourceKey).toBe(sourceKey);
  });

  it('drops the least useful fields first when the 2 KB limit would be passed', () => {
    const encoded = encodeProvenance(provenance, { big: 'x'.repeat(1900) });
    if (!encoded.ok) throw new Error(encoded.reason);
    expect(encoded.dropped[0]).toBe('actor');
    const size = Object.entries(encoded.metadata).reduce((n, [k, v]) => n + k.length + v.length, 0);
    expect(size).toBeLessThanOrEqual(METADATA_LIMIT_BYTES);
    expect(encoded.metadata.big).toHaveLength(1900);
  });

  it('refuses when even the source key cannot be recorded', () => {
    const encoded = encodeProvenance({ ...provenance, sourceKey: 'k'.repeat(1000) }, { big: 'x'.repeat(1500) });
    expect(encoded).toEqual({ ok: false, reason: expect.stringContaining('to record its key') });
  });

  it('never drops the source account and Region for lack of room: a restore needs them to find the bucket', () => {
    const where = { sourceAccount: '222233334444', sourceRegion: 'eu-west-1' };
    const tight = encodeProvenance({ ...provenance, ...where }, { big: 'x'.repeat(1930) });
    const none = encodeProvenance({ ...provenance, ...where }, { big: 'x'.repeat(2000) });

    if (!tight.ok) throw new Error(tight.reason);
    expect(tight.dropped).toContain('sourceVersionId');
    expect(decodeProvenance(tight.metadata)).toMatchObject(where);
    expect(none).toEqual({ ok: false, reason: expect.stringContaining('to record its account and Region') });
  });

  it('caps a long actor', () => {
    const encoded = encodeProvenance({ ...provenance, actor: `cli:${'a'.repeat(1000)}` }, {});
    if (!encoded.ok) throw new Error(encoded.reason);
    expect(decodeProvenance(encoded.metadata).actor).toHaveLength(256);
  });
});
