import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { parseFinding, parseFindingEvent } from '../../../core/finding/parse-finding';
import { SENSITIVE_DATA_TYPES } from '../../../core/types/finding';
import { classifyContent } from '../../../local/macie/classify-content';
import { FindingStore } from '../../../local/macie/FindingStore';
import { findingsForBucket } from '../../../local/macie/findings-for-bucket';
import { listFindings } from '../../../local/macie/list-findings';
import { makeFinding } from '../../../local/macie/make-finding';
import { makePolicyFinding } from '../../../local/macie/make-policy-finding';
import { toEventBridgeEvent } from '../../../local/macie/to-eventbridge-event';
import { motoS3, uniqueName } from '../../support/aws';

const samplesDir = join(__dirname, '..', '..', '..', 'samples');
const sample = (name: string) => readFileSync(join(samplesDir, name), 'utf8');

describe('Function: makeFinding', () => {
  it.each(SENSITIVE_DATA_TYPES)('makes a %s finding the core parser accepts', (type) => {
    // Act
    const raw = makeFinding({ bucket: 'acme-data', key: 'dir/file name.csv', type, versionId: 'v-1', eTag: 'abc123' });
    const finding = parseFinding(raw);

    // Assess
    expect(raw.id).toMatch(/^[0-9a-f]{32}$/);
    expect(finding).toMatchObject({
      type,
      category: 'CLASSIFICATION',
      object: { bucket: 'acme-data', key: 'dir/file name.csv', versionId: 'v-1', eTag: 'abc123' },
    });
    expect(raw.resourcesAffected?.s3Object?.path).toBe('acme-data/dir/file name.csv');
    expect(raw.classificationDetails?.result?.mimeType).toBe('text/csv');
  });

  it('defaults to an unversioned object ("" versionId) and type-appropriate detections and severity', () => {
    // Act
    const financial = makeFinding({ bucket: 'b', key: 'cards.json', type: 'SensitiveData:S3Object/Financial' });
    const personal = makeFinding({ bucket: 'b', key: 'people.txt', type: 'SensitiveData:S3Object/Personal' });

    // Assess
    expect(financial.resourcesAffected?.s3Object?.versionId).toBe('');
    expect(financial.severity).toEqual({ score: 3, description: 'High' });
    expect(financial.classificationDetails?.result?.sensitiveData?.[0]).toMatchObject({
      category: 'FINANCIAL_INFORMATION',
      detections: [{ type: 'CREDIT_CARD_NUMBER', occurrences: { records: expect.any(Array) } }],
    });
    expect(personal.severity).toEqual({ score: 2, description: 'Medium' });
    expect(personal.classificationDetails?.result?.sensitiveData?.[0]?.detections?.[0]?.occurrences).toHaveProperty(
      'lineRanges',
    );
    expect(parseFinding(personal).object?.versionId).toBeUndefined();
  });

  it('makes automated-discovery findings with null job ids when jobId is null', () => {
    // Act
    const raw = makeFinding({ bucket: 'b', key: 'k', type: 'SensitiveData:S3Object/Credentials', jobId: null });

    // Assess
    expect(raw.classificationDetails).toMatchObject({
      jobId: null,
      jobArn: null,
      originType: 'AUTOMATED_SENSITIVE_DATA_DISCOVERY',
    });
    expect(raw.resourcesAffected?.s3Object?.extension).toBe('');
  });

  it('makes policy findings without an object', () => {
    // Act
    const raw = makePolicyFinding({ bucket: 'b', type: 'Policy:IAMUser/S3BucketPublic' });

    // Assess
    const finding = parseFinding(raw);
    expect(finding.category).toBe('POLICY');
    expect(finding.object).toBeUndefined();
  });
});

describe('Function: toEventBridgeEvent', () => {
  it('wraps a finding in the envelope Macie publishes, which the core event parser accepts', () => {
    // Prepare
    const raw = makeFinding({
      bucket: 'b',
      key: 'k.csv',
      type: 'SensitiveData:S3Object/Financial',
      createdAt: '2025-03-14T09:26:52.417Z',
      accountId: '444455556666',
      region: 'eu-west-1',
    });

    // Act
    const event = toEventBridgeEvent(raw);

    // Assess
    expect(event).toMatchObject({
      version: '0',
      'detail-type': 'Macie Finding',
      source: 'aws.macie',
      account: '444455556666',
      region: 'eu-west-1',
      time: '2025-03-14T09:26:52Z',
      resources: [],
      detail: raw,
    });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(parseFindingEvent(event).id).toBe(raw.id);
  });
});

describe('Function: classifyContent', () => {
  it('classifies the demo samples as one Financial and one Personal finding', () => {
    // Act
    const financial = classifyContent({ key: 'dummy-financial-data.txt', text: sample('dummy-financial-data.txt') });
    const personal = classifyContent({ key: 'dummy-personal-data.txt', text: sample('dummy-personal-data.txt') });

    // Assess
    expect(financial?.type).toBe('SensitiveData:S3Object/Financial');
    expect(financial?.sensitiveData.map((s) => s.category)).toEqual(['FINANCIAL_INFORMATION']);
    expect(financial?.sensitiveData[0]?.detections?.map((d) => d.type)).toContain('CREDIT_CARD_NUMBER');
    expect(personal?.type).toBe('SensitiveData:S3Object/Personal');
    expect(personal?.sensitiveData[0]?.detections?.map((d) => d.type)).toEqual(
      expect.arrayContaining(['NAME', 'ADDRESS']),
    );
  });

  it('counts only Luhn-valid card numbers, reports line locations, and falls back to key names', () => {
    // Act
    const cards = classifyContent({ key: 'x', text: 'ok 4111 1111 1111 1111\nbad 4111 1111 1111 1112' });
    const keys = classifyContent({ key: 'AKIAABCDEFGHIJKLMNOP.txt', text: 'id=AKIAABCDEFGHIJKLMNOP' });
    const byName = classifyContent({ key: 'hr/payroll.bin', text: '' });
    const nothing = classifyContent({ key: 'readme.md', text: 'hello 1234' });

    // Assess
    expect(cards?.sensitiveData[0]?.detections).toEqual([
      { type: 'CREDIT_CARD_NUMBER', count: 1, occurrences: { lineRanges: [{ start: 1, end: 1, startColumn: 4 }] } },
    ]);
    expect(keys?.type).toBe('SensitiveData:S3Object/Credentials');
    expect(byName).toEqual({ type: 'SensitiveData:S3Object/Personal', sensitiveData: [] });
    expect(nothing).toBeUndefined();
  });
});

describe('Function: findingsForBucket', () => {
  let s3: S3Client;

  beforeAll(() => {
    s3 = motoS3();
  });

  afterAll(() => s3.destroy());

  it('makes findings for the objects that classify, with their real ETag and size', async () => {
    // Prepare
    const bucket = uniqueName('scan');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = async (key: string, body: string) =>
      (await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))).ETag;
    const financialTag = await put('dummy-financial-data.txt', sample('dummy-financial-data.txt'));
    await put('inbox/dummy-personal-data.txt', sample('dummy-personal-data.txt'));
    await put('notes/readme.md', 'nothing to see');
    await put('empty.txt', '');

    // Act
    const findings = await findingsForBucket(s3, bucket, { accountId: '444455556666' });

    // Assess
    expect(findings.map((f) => [f.resourcesAffected?.s3Object?.key, f.type])).toEqual([
      ['dummy-financial-data.txt', 'SensitiveData:S3Object/Financial'],
      ['inbox/dummy-personal-data.txt', 'SensitiveData:S3Object/Personal'],
    ]);
    const [financial] = findings.map(parseFinding);
    expect(financial?.object).toMatchObject({
      bucket,
      eTag: financialTag?.replace(/"/g, ''),
      size: Buffer.byteLength(sample('dummy-financial-data.txt')),
    });
    expect(financial?.object?.versionId).toBeUndefined();
    expect(financial?.accountId).toBe('444455556666');
  });
});

describe('Function: findingsForBucket on s3rver (the local demo store)', () => {
  // s3rver ships no types: the part this test uses.
  type S3rverClass = new (options: Record<string, unknown>) => { run(): Promise<AddressInfo>; close(): Promise<void> };
  const S3rver = require('s3rver') as S3rverClass;
  const directory = mkdtempSync(join(tmpdir(), 'macie-s3rver-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory });
  let s3: S3Client;

  beforeAll(async () => {
    const { port } = await server.run();
    s3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      forcePathStyle: true,
      maxAttempts: 1,
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
  });

  afterAll(async () => {
    s3.destroy();
    await server.close();
    rmSync(directory, { recursive: true, force: true });
  });

  it('gives the two demo samples one Financial and one Personal finding', async () => {
    // Prepare
    await s3.send(new CreateBucketCommand({ Bucket: 'demo-data' }));
    for (const name of ['dummy-financial-data.txt', 'dummy-personal-data.txt']) {
      await s3.send(new PutObjectCommand({ Bucket: 'demo-data', Key: `samples/${name}`, Body: sample(name) }));
    }

    // Act
    const findings = await findingsForBucket(s3, 'demo-data');

    // Assess
    expect(findings.map(parseFinding).map((f) => [f.object?.key, f.type, f.object?.versionId])).toEqual([
      ['samples/dummy-financial-data.txt', 'SensitiveData:S3Object/Financial', undefined],
      ['samples/dummy-personal-data.txt', 'SensitiveData:S3Object/Personal', undefined],
    ]);
  });
});

describe('Class: FindingStore', () => {
  it('pages 100,000 findings from one sorted snapshot', () => {
    // Prepare
    const store = new FindingStore();
    const base = Date.UTC(2025, 0, 1);
    const template = makeFinding({ bucket: 'bench', key: 'k', type: 'SensitiveData:S3Object/Personal' });
    store.add(
      Array.from({ length: 100_000 }, (_, i) => ({
        ...template,
        id: i.toString(16).padStart(32, '0'),
        createdAt: new Date(base + ((i * 7919) % 100_000) * 1000).toISOString(),
      })),
    );
    const sortCriteria = { attributeName: 'createdAt', orderBy: 'ASC' as const };
    const body = { sortCriteria, maxResults: 50 };

    // Act
    const ids: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page = listFindings(store, { ...body, ...(token ? { nextToken: token } : {}) }, 50);
      ids.push(...page.findingIds);
      token = page.nextToken;
      pages++;
    } while (token);

    // Assess
    expect(pages).toBe(2000);
    expect(new Set(ids).size).toBe(100_000);
    const times = ids.map((id) => Date.parse(store.get(id)?.createdAt ?? ''));
    expect(times.every((t, i) => i === 0 || (times[i - 1] ?? 0) <= t)).toBe(true);
    expect(store.query(undefined, body.sortCriteria as never).id).toBe(
      store.query(undefined, body.sortCriteria as never).id,
    );
  });
});
