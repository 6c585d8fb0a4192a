import { RemediateError } from '../../../core/errors';
import { objectIdentity } from '../../../core/finding/object-identity';
import { buildFinding } from '../../support/fixtures';

describe('objectIdentity', () => {
  it('pins a versioned object by its version id', () => {
    // Prepare
    const finding = buildFinding({ bucket: 'b1', key: 'a/b c.txt', versionId: 'v1', eTag: 'e1' });

    // Act & Assess
    expect(objectIdentity(finding)).toBe('111122223333/us-east-1/b1/a/b c.txt#v1');
  });

  it('pins an unversioned object by its ETag', () => {
    expect(objectIdentity(buildFinding({ bucket: 'b1', key: 'k#1', versionId: '', eTag: '"e1"' }))).toBe(
      '111122223333/us-east-1/b1/k#1#e1',
    );
  });

  it('is the same for a re-scan of the same object (new finding id)', () => {
    // Prepare
    const first = buildFinding({ bucket: 'b1', key: 'k', versionId: '', eTag: 'e1' });
    const rescan = buildFinding({ bucket: 'b1', key: 'k', versionId: '', eTag: 'e1' });

    // Assess
    expect(rescan.id).not.toBe(first.id);
    expect(objectIdentity(rescan)).toBe(objectIdentity(first));
  });

  it('differs when the object changed, or lives in another account or region', () => {
    const base = { bucket: 'b1', key: 'k', versionId: '' };
    const identities = [
      buildFinding({ ...base, eTag: 'e1' }),
      buildFinding({ ...base, eTag: 'e2' }),
      buildFinding({ ...base, eTag: 'e1', accountId: '444455556666' }),
      buildFinding({ ...base, eTag: 'e1', region: 'eu-west-1' }),
    ].map(objectIdentity);
    expect(new Set(identities).size).toBe(4);
  });

  it('throws for a finding with no object: callers must decide first', () => {
    expect(() => objectIdentity(buildFinding({ type: 'Policy:IAMUser/S3BucketPublic' }))).toThrow(RemediateError);
  });
});
