import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { GetFindingsCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { parseFindingEvent, parseSdkFinding } from '../../../core/finding/parse-finding';
import { loadFixture } from '../../support/fixtures';

const getFindingsBody = readFileSync(
  join(__dirname, '..', '..', 'fixtures', 'events', 'macie', 'macie-getfindings-response.json'),
  'utf8',
);

describe('parseSdkFinding', () => {
  let server: Server;
  let macie: Macie2Client;

  beforeAll(async () => {
    // Serve the recorded GetFindings body, so the real client deserialises it (Date objects, nulls dropped).
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(req.url === '/findings/describe' ? 200 : 404, { 'content-type': 'application/json' });
        res.end(req.url === '/findings/describe' ? getFindingsBody : '{"message":"not found"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    macie = new Macie2Client({
      region: 'us-east-1',
      endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    macie.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('gives the same finding as the EventBridge event of it', async () => {
    // Prepare
    const { findings = [] } = await macie.send(
      new GetFindingsCommand({ findingIds: ['5f2a9c0e1b3d4f6a8c7e9d1b2a3c4e5f', 'c81e728d9d4c2f636f067f89cc14862c'] }),
    );
    expect(findings[0]?.createdAt).toBeInstanceOf(Date);

    // Act
    const parsed = findings.map(parseSdkFinding);

    // Assess
    expect(parsed).toStrictEqual([
      parseFindingEvent(loadFixture('events/macie/macie-event-financial')),
      parseFindingEvent(loadFixture('events/macie/macie-event-personal')),
    ]);
  });

  it('parses an SDK object built by hand: Date values, dropped nulls, empty versionId', () => {
    // Act
    const finding = parseSdkFinding({
      id: 'f1',
      accountId: '111122223333',
      partition: 'aws',
      region: 'eu-west-1',
      type: 'SensitiveData:S3Object/Credentials',
      category: 'CLASSIFICATION',
      severity: { description: 'High', score: 3 },
      createdAt: new Date('2025-05-01T10:00:00Z'),
      resourcesAffected: { s3Bucket: { name: 'bucket-a' }, s3Object: { key: 'k', versionId: '', eTag: 'e1' } },
    });

    // Assess
    expect(finding).toMatchObject({
      createdAt: '2025-05-01T10:00:00.000Z',
      archived: false,
      sample: false,
      object: { bucket: 'bucket-a', key: 'k', eTag: 'e1' },
    });
    expect(finding.object).not.toHaveProperty('versionId');
  });
});
