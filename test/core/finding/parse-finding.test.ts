import { InvalidInputError } from '../../../core/errors';
import { parseFinding, parseFindingEvent, safeParseFinding } from '../../../core/finding/parse-finding';
import { SENSITIVE_DATA_TYPES } from '../../../core/types/finding';
import { buildFindingEvent, loadFixture, loadSampleEvent } from '../../support/fixtures';

type Json = Record<string, unknown>;
const detailOf = (event: unknown): Json => (event as { detail: Json }).detail;
const s3ObjectOf = (detail: Json): Json => (detail.resourcesAffected as Json).s3Object as Json;

/** The message of the error `fn` throws, which must be an InvalidInputError. */
function errorOf(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(InvalidInputError);
    return err as InvalidInputError;
  }
  throw new Error('expected an error');
}

describe('parseFinding', () => {
  it('parses the shared financial event detail into the engine model', () => {
    // Act
    const finding = parseFinding(detailOf(loadFixture('events/macie/macie-event-financial')));

    // Assess
    expect(finding).toStrictEqual({
      id: '5f2a9c0e1b3d4f6a8c7e9d1b2a3c4e5f',
      accountId: '111122223333',
      region: 'us-east-1',
      partition: 'aws',
      type: 'SensitiveData:S3Object/Financial',
      category: 'CLASSIFICATION',
      title: 'The S3 object contains financial information.',
      description: 'The object contains financial information such as bank account numbers or credit card numbers.',
      severity: { description: 'High', score: 3 },
      createdAt: '2025-03-14T09:26:52.417Z',
      archived: false,
      sample: false,
      object: {
        bucket: 'acme-payments-exports-prod',
        key: 'exports/2025/03/settlements-2025-03-13.csv',
        versionId: 'fU7x2Yq0r.HcVb9mQ3kT1sWnLp6aE8dZ',
        eTag: '4e1b0a7c9d2f6e3a5b8c0d1e2f3a4b5c',
        size: 734003,
        storageClass: 'STANDARD',
        encryptionType: 'AES256',
        tags: [{ key: 'classification', value: 'internal' }],
      },
      sensitiveData: [
        {
          category: 'FINANCIAL_INFORMATION',
          totalCount: 57,
          detections: [
            { type: 'CREDIT_CARD_NUMBER', count: 42 },
            { type: 'BANK_ACCOUNT_NUMBER', count: 15 },
          ],
        },
      ],
      customIdentifierCount: 0,
      jobId: '8d2f3c1a9b7e4d6f0a1b2c3d4e5f6a7b',
      originType: 'SENSITIVE_DATA_DISCOVERY_JOB',
    });
  });

  it('parses an automated-discovery finding: no job id, KMS key, multipart ETag', () => {
    // Act
    const finding = parseFinding(detailOf(loadFixture('events/macie/macie-event-personal')));

    // Assess
    expect(finding.jobId).toBeUndefined();
    expect(finding.originType).toBe('AUTOMATED_SENSITIVE_DATA_DISCOVERY');
    expect(finding.object).toMatchObject({
      eTag: '9a0364b9e99bb480dd25e1f0284c8555-2',
      encryptionType: 'aws:kms',
      kmsKeyId: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      storageClass: 'INTELLIGENT_TIERING',
    });
  });

  it.each(SENSITIVE_DATA_TYPES)('parses the sample event for %s with its raw key', (type) => {
    // Prepare
    const event = loadSampleEvent(type);
    const rawKey = s3ObjectOf(event.detail).key;

    // Act
    const finding = parseFindingEvent(event);

    // Assess
    expect(finding.type).toBe(type);
    expect(finding.category).toBe('CLASSIFICATION');
    expect(finding.object?.key).toBe(rawKey);
    expect(finding.object?.bucket).toBe((event.detail.resourcesAffected as Json & { s3Bucket: Json }).s3Bucket.name);
  });

  it('keeps keys raw: spaces, +, # and unicode are never decoded or encoded', () => {
    // Prepare
    const keys = ['a b/c+d.txt', 'dir/100%25 done#1.csv', 'rapports/Relevé – März ✓.csv', 'x%2Fy'];

    // Act
    const parsed = keys.map((key) => parseFindingEvent(buildFindingEvent({ key })).object?.key);

    // Assess
    expect(parsed).toEqual(keys);
  });

  it('treats versionId "" (unversioned bucket) and null as absent', () => {
    // Prepare
    const detail = detailOf(buildFindingEvent({ versionId: '' }));

    // Act
    const unversioned = parseFinding(detail);
    s3ObjectOf(detail).versionId = null;
    const nullVersion = parseFinding(detail);

    // Assess
    expect(unversioned.object).not.toHaveProperty('versionId');
    expect(nullVersion.object).not.toHaveProperty('versionId');
  });

  it('strips quotes from a quoted ETag and leaves an unquoted one alone', () => {
    expect(parseFindingEvent(buildFindingEvent({ eTag: '"abc123"' })).object?.eTag).toBe('abc123');
    expect(parseFindingEvent(buildFindingEvent({ eTag: 'abc123-4' })).object?.eTag).toBe('abc123-4');
  });

  it('accepts nulls wherever Macie sends them', () => {
    // Prepare
    const detail = detailOf(loadFixture('events/macie/macie-event-financial'));
    Object.assign(detail, { title: null, description: null, partition: null, classificationDetails: null });
    Object.assign(s3ObjectOf(detail), {
      eTag: null,
      size: null,
      storageClass: null,
      serverSideEncryption: null,
      tags: null,
    });

    // Act
    const finding = parseFinding(detail);

    // Assess
    expect(finding).toMatchObject({
      title: '',
      description: '',
      partition: 'aws',
      sensitiveData: [],
      customIdentifierCount: 0,
    });
    expect(finding.object).toStrictEqual({
      bucket: 'acme-payments-exports-prod',
      key: 'exports/2025/03/settlements-2025-03-13.csv',
      versionId: 'fU7x2Yq0r.HcVb9mQ3kT1sWnLp6aE8dZ',
    });
    expect(finding).not.toHaveProperty('jobId');
  });

  it('parses a sample finding, which points at a bucket that does not exist', () => {
    // Prepare
    const event = buildFindingEvent({ sample: true, bucket: 'macie-sample-finding-bucket' });

    // Act
    const finding = parseFindingEvent(event);

    // Assess
    expect(finding.sample).toBe(true);
    expect(finding.object?.bucket).toBe('macie-sample-finding-bucket');
  });

  it('parses a policy finding without an object', () => {
    // Act
    const finding = parseFindingEvent(loadFixture('events/macie/macie-event-policy'));

    // Assess
    expect(finding.category).toBe('POLICY');
    expect(finding.type).toBe('Policy:IAMUser/S3BucketPublic');
    expect(finding.object).toBeUndefined();
    expect(finding.sensitiveData).toEqual([]);
  });

  it('normalises dates to ISO-8601 with milliseconds', () => {
    expect(parseFindingEvent(buildFindingEvent({ createdAt: '2025-01-02T03:04:05Z' })).createdAt).toBe(
      '2025-01-02T03:04:05.000Z',
    );
  });

  it('sums detections when totalCount is null', () => {
    // Prepare
    const detail = detailOf(loadFixture('events/macie/macie-event-financial'));
    const result = (detail.classificationDetails as Json).result as { sensitiveData: Json[] };
    (result.sensitiveData[0] as Json).totalCount = null;

    // Act
    const finding = parseFinding(detail);

    // Assess
    expect(finding.sensitiveData[0]?.totalCount).toBe(57);
  });

  describe('invalid findings', () => {
    const financial = (): Json => detailOf(loadFixture('events/macie/macie-event-financial'));

    it.each<[string, (d: Json) => void, string]>([
      ['no key', (d) => delete s3ObjectOf(d).key, 'resourcesAffected.s3Object.key is missing'],
      [
        'an empty key',
        (d) => {
          s3ObjectOf(d).key = '';
        },
        'resourcesAffected.s3Object.key must not be empty (got "")',
      ],
      [
        'a numeric key',
        (d) => {
          s3ObjectOf(d).key = 7;
        },
        'resourcesAffected.s3Object.key must be a string (got number 7)',
      ],
      [
        'no s3Object',
        (d) => {
          (d.resourcesAffected as Json).s3Object = null;
        },
        'resourcesAffected.s3Object is missing (a sensitive-data finding names its S3 object)',
      ],
      [
        'no bucket name',
        (d) => delete ((d.resourcesAffected as Json).s3Bucket as Json).name,
        'resourcesAffected.s3Bucket.name is missing (a sensitive-data finding names its bucket)',
      ],
      ['no id', (d) => delete d.id, 'id is missing'],
      [
        'a null region',
        (d) => {
          d.region = null;
        },
        'region must be a string (got null)',
      ],
      [
        'an unknown severity',
        (d) => {
          d.severity = { description: 'Severe', score: 3 };
        },
        'severity.description must be one of "Low", "Medium", "High" (got "Severe")',
      ],
      [
        'a severity score out of range',
        (d) => {
          d.severity = { description: 'High', score: 4 };
        },
        'severity.score must be one of 1, 2, 3 (got number 4)',
      ],
      [
        'an unknown category',
        (d) => {
          d.category = 'OTHER';
        },
        'category must be one of "CLASSIFICATION", "POLICY" (got "OTHER")',
      ],
      [
        'a bad date',
        (d) => {
          d.createdAt = 'yesterday';
        },
        'createdAt must be an ISO-8601 date-time (got "yesterday")',
      ],
      [
        'an epoch date',
        (d) => {
          d.createdAt = 1714521600000;
        },
        'createdAt must be an ISO-8601 date-time (got number 1714521600000)',
      ],
      [
        'a detection without a type',
        (d) => {
          const result = (d.classificationDetails as Json).result as { sensitiveData: { detections: Json[] }[] };
          delete result.sensitiveData[0]?.detections[1]?.type;
        },
        'classificationDetails.result.sensitiveData[0].detections[1].type is missing',
      ],
    ])('names the field when the finding has %s', (_, breakIt, message) => {
      // Prepare
      const detail = financial();
      breakIt(detail);

      // Act
      const error = errorOf(() => parseFinding(detail));

      // Assess
      expect(error.code).toBe('FINDING_INVALID');
      expect(error.source).toBe('user');
      expect(error.message).toBe(message);
    });

    it('names the root when the finding is not an object', () => {
      expect(errorOf(() => parseFinding('x')).message).toBe('finding must be an object (got "x")');
      expect(errorOf(() => parseFinding(null)).message).toBe('finding must be an object (got null)');
    });

    it('records the field path in the error context', () => {
      // Prepare
      const detail = financial();
      delete s3ObjectOf(detail).key;

      // Act
      const error = errorOf(() => parseFinding(detail));

      // Assess
      expect(error.context.field).toBe('resourcesAffected.s3Object.key');
    });
  });
});

describe('safeParseFinding', () => {
  it('returns the finding on success', () => {
    // Act
    const result = safeParseFinding(detailOf(loadFixture('events/macie/macie-event-personal')));

    // Assess
    expect(result.success && result.finding.id).toBe('c81e728d9d4c2f636f067f89cc14862c');
  });

  it('returns the error instead of throwing', () => {
    // Act
    const result = safeParseFinding({ id: 'x' });

    // Assess
    expect(result.success).toBe(false);
    expect(!result.success && result.error.message).toBe('accountId is missing');
    expect(!result.success && result.error.code).toBe('FINDING_INVALID');
  });
});
