import {
  CreateSampleFindingsCommand,
  type FindingType,
  GetFindingStatisticsCommand,
  GetFindingsCommand,
  GetMacieSessionCommand,
  ListClassificationJobsCommand,
  ListFindingsCommand,
  type ListFindingsCommandInput,
  Macie2Client,
  paginateListFindings,
} from '@aws-sdk/client-macie2';
import { MacieStandIn } from '../../../local/macie/MacieStandIn';
import { makeFinding } from '../../../local/macie/make-finding';
import type { MacieFindingJson } from '../../../local/macie/types';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const clientFor = (endpoint: string) =>
  new Macie2Client({ endpoint, region: 'us-east-1', credentials, maxAttempts: 1 });

const day = (n: number) => new Date(Date.UTC(2025, 2, n, 12)).toISOString();

describe('Class: MacieStandIn', () => {
  const macie = new MacieStandIn();
  let client: Macie2Client;
  let financial: MacieFindingJson;
  let personal: MacieFindingJson;
  let archived: MacieFindingJson;

  beforeAll(async () => {
    client = clientFor(await macie.start());
  });

  afterAll(async () => {
    client.destroy();
    await macie.stop();
  });

  beforeEach(() => {
    macie.clear();
    macie.clearRequests();
    financial = makeFinding({
      bucket: 'payments',
      key: 'exports/cards.csv',
      type: 'SensitiveData:S3Object/Financial',
      createdAt: day(1),
    });
    personal = makeFinding({
      bucket: 'crm',
      key: 'customers.json',
      type: 'SensitiveData:S3Object/Personal',
      createdAt: day(3),
    });
    archived = makeFinding({
      bucket: 'payments',
      key: 'old/people and cards.txt',
      type: 'SensitiveData:S3Object/Multiple',
      severity: 'Low',
      createdAt: day(2),
      archived: true,
    });
    macie.add(financial, personal, archived);
  });

  const ids = async (input: ListFindingsCommandInput) => (await client.send(new ListFindingsCommand(input))).findingIds;

  describe('Method: ListFindings', () => {
    it('filters with eq on nested fields, booleans as strings and values inside arrays', async () => {
      // Act
      const inBucket = await ids({
        findingCriteria: { criterion: { 'resourcesAffected.s3Bucket.name': { eq: ['payments'] } } },
      });
      const notArchived = await ids({ findingCriteria: { criterion: { archived: { eq: ['false'] } } } });
      const personalData = await ids({
        findingCriteria: { criterion: { 'sensitiveData.category': { eq: ['PERSONAL_INFORMATION'] } } },
      });
      const cardsOnly = await ids({
        findingCriteria: { criterion: { 'sensitiveData.category': { eqExactMatch: ['FINANCIAL_INFORMATION'] } } },
      });

      // Assess
      expect(inBucket).toEqual([financial.id, archived.id]);
      expect(notArchived).toEqual([financial.id, personal.id]);
      expect(personalData).toEqual([personal.id, archived.id]);
      expect(cardsOnly).toEqual([financial.id]);
    });

    it('ANDs fields, ORs values, and applies neq and date ranges in epoch milliseconds', async () => {
      // Act
      const highOrLowPayments = await ids({
        findingCriteria: {
          criterion: {
            'severity.description': { eq: ['High', 'Low'] },
            'resourcesAffected.s3Bucket.name': { eq: ['payments'] },
          },
        },
      });
      const notFinancial = await ids({
        findingCriteria: { criterion: { type: { neq: ['SensitiveData:S3Object/Financial'] } } },
      });
      const fromDay2 = await ids({ findingCriteria: { criterion: { createdAt: { gte: Date.parse(day(2)) } } } });
      const day2Only = await ids({
        findingCriteria: { criterion: { createdAt: { gt: Date.parse(day(1)), lt: Date.parse(day(3)) } } },
      });
      const bigScores = await ids({ findingCriteria: { criterion: { 'severity.score': { gte: 2 } } } });

      // Assess
      expect(highOrLowPayments).toEqual([financial.id, archived.id]);
      expect(notFinancial).toEqual([personal.id, archived.id]);
      expect(fromDay2).toEqual([personal.id, archived.id]);
      expect(day2Only).toEqual([archived.id]);
      expect(bigScores).toEqual([financial.id, personal.id]);
    });

    it('sorts ascending and descending', async () => {
      // Act
      const oldestFirst = await ids({ sortCriteria: { attributeName: 'createdAt', orderBy: 'ASC' } });
      const newestFirst = await ids({ sortCriteria: { attributeName: 'createdAt', orderBy: 'DESC' } });
      const bySeverity = await ids({ sortCriteria: { attributeName: 'severity.score', orderBy: 'DESC' } });

      // Assess
      expect(oldestFirst).toEqual([financial.id, archived.id, personal.id]);
      expect(newestFirst).toEqual([personal.id, archived.id, financial.id]);
      expect(bySeverity).toEqual([financial.id, personal.id, archived.id]);
    });

    it('pages with maxResults and nextToken until nextToken is null (paginateListFindings)', async () => {
      // Prepare
      macie.clear();
      const many = Array.from({ length: 120 }, (_, i) =>
        makeFinding({
          bucket: 'b',
          key: `k${i}`,
          type: 'SensitiveData:S3Object/Personal',
          createdAt: new Date(Date.UTC(2025, 0, 1, 0, 0, i)),
        }),
      );
      macie.add(...many);
      macie.clearRequests();

      // Act
      const seen: string[] = [];
      const paginator = paginateListFindings(
        { client, pageSize: 50 },
        { sortCriteria: { attributeName: 'createdAt', orderBy: 'DESC' } },
      );
      for await (const page of paginator) seen.push(...(page.findingIds ?? []));

      // Assess
      expect(seen).toEqual(many.map((f) => f.id).reverse());
      const requests = macie.requests();
      expect(requests.map((r) => (r.body as { maxResults?: number }).maxResults)).toEqual([50, 50, 50]);
      expect(requests.map((r) => typeof (r.body as { nextToken?: string }).nextToken)).toEqual([
        'undefined',
        'string',
        'string',
      ]);
    });

    it('keeps paging the snapshot a token was issued for when findings are added meanwhile', async () => {
      // Act
      const first = await client.send(new ListFindingsCommand({ maxResults: 2 }));
      macie.add(makeFinding({ bucket: 'late', key: 'x', type: 'SensitiveData:S3Object/Personal' }));
      const second = await client.send(new ListFindingsCommand({ maxResults: 2, nextToken: first.nextToken }));

      // Assess
      expect(first.findingIds).toEqual([financial.id, personal.id]);
      expect(second.findingIds).toEqual([archived.id]);
      expect(second.nextToken).toBeUndefined();
    });

    it('rejects eqExactMatch on other fields, unknown sort attributes, oversized pages and bad tokens', async () => {
      // Act / Assess
      await expect(ids({ findingCriteria: { criterion: { type: { eqExactMatch: ['x'] } } } })).rejects.toMatchObject({
        name: 'ValidationException',
        $metadata: { httpStatusCode: 400 },
      });
      await expect(ids({ sortCriteria: { attributeName: 'bucket' } })).rejects.toMatchObject({
        name: 'ValidationException',
      });
      await expect(ids({ maxResults: 51 })).rejects.toThrow(/maxResults must be between 1 and 50/);
      await expect(ids({ nextToken: 'garbage' })).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('Method: GetFindings', () => {
    it('returns full findings that the SDK parses, dates as Date objects, unknown ids left out', async () => {
      // Act
      const { findings } = await client.send(
        new GetFindingsCommand({ findingIds: [personal.id, 'f'.repeat(32), financial.id] }),
      );

      // Assess
      expect(findings?.map((f) => f.id)).toEqual([personal.id, financial.id]);
      const [first] = findings ?? [];
      expect(first?.createdAt).toBeInstanceOf(Date);
      expect(first?.createdAt?.toISOString()).toBe(day(3));
      expect(first?.resourcesAffected?.s3Object?.key).toBe('customers.json');
      expect(first?.resourcesAffected?.s3Object?.lastModified).toBeInstanceOf(Date);
      expect(first?.classificationDetails?.result?.sensitiveData?.[0]?.category).toBe('PERSONAL_INFORMATION');
      expect(first?.severity).toEqual({ description: 'Medium', score: 2 });
    });

    it('sorts by sortCriteria when given', async () => {
      // Act
      const { findings } = await client.send(
        new GetFindingsCommand({
          findingIds: [financial.id, personal.id, archived.id],
          sortCriteria: { attributeName: 'createdAt', orderBy: 'DESC' },
        }),
      );

      // Assess
      expect(findings?.map((f) => f.id)).toEqual([personal.id, archived.id, financial.id]);
    });

    it('rejects more than 50 ids with a 400 ValidationException', async () => {
      // Act
      const call = client.send(new GetFindingsCommand({ findingIds: Array.from({ length: 51 }, (_, i) => `id${i}`) }));

      // Assess
      await expect(call).rejects.toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
      await expect(call).rejects.toThrow(/at most 50/);
    });
  });

  describe('Fault injection', () => {
    it('answers ThrottlingException 429 and InternalServerException 500 for the next calls, then recovers', async () => {
      // Prepare
      macie.throttleNext(1);
      macie.failNext(1, 'GetFindings');

      // Act / Assess
      await expect(ids({})).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
      await expect(client.send(new GetFindingsCommand({ findingIds: [financial.id] }))).rejects.toMatchObject({
        name: 'InternalServerException',
        $fault: 'server',
        $metadata: { httpStatusCode: 500 },
      });
      await expect(ids({})).resolves.toHaveLength(3);
      expect(macie.requests().map((r) => [r.operation, r.status])).toEqual([
        ['ListFindings', 429],
        ['GetFindings', 500],
        ['ListFindings', 200],
      ]);
    });

    it('is retried by the SDK standard retry strategy', async () => {
      // Prepare
      const retrying = new Macie2Client({
        endpoint: macie.url,
        region: 'us-east-1',
        credentials,
        maxAttempts: 2,
        retryStrategy: undefined,
      });
      macie.throttleNext(1);

      // Act
      const result = await retrying.send(new ListFindingsCommand({}));

      // Assess
      expect(result.findingIds).toHaveLength(3);
      expect(result.$metadata.attempts).toBe(2);
      retrying.destroy();
    });
  });

  describe('Method: GetMacieSession', () => {
    it('reports ENABLED, and a disabled account answers AccessDeniedException "Macie is not enabled."', async () => {
      // Act
      const session = await client.send(new GetMacieSessionCommand({}));
      macie.setStatus('DISABLED');
      const denied = client.send(new GetMacieSessionCommand({}));
      const deniedList = ids({});

      // Assess
      expect(session.status).toBe('ENABLED');
      expect(session.createdAt).toBeInstanceOf(Date);
      await expect(denied).rejects.toMatchObject({
        name: 'AccessDeniedException',
        message: 'Macie is not enabled.',
        $metadata: { httpStatusCode: 403 },
      });
      await expect(deniedList).rejects.toMatchObject({ name: 'AccessDeniedException' });
      macie.setStatus('ENABLED');
    });
  });

  describe('Method: CreateSampleFindings', () => {
    it('creates sample findings on macie-sample-finding-bucket and emits them', async () => {
      // Prepare
      macie.clear();
      const emitted: MacieFindingJson[] = [];
      const listener = (f: MacieFindingJson) => emitted.push(f);
      macie.on('finding', listener);

      // Act
      await client.send(
        new CreateSampleFindingsCommand({
          findingTypes: ['SensitiveData:S3Object/Financial', 'Policy:IAMUser/S3BucketPublic'],
        }),
      );
      await client.send(new CreateSampleFindingsCommand({ findingTypes: ['Policy:IAMUser/S3BucketPublic'] }));
      macie.off('finding', listener);
      const samples = await ids({ findingCriteria: { criterion: { sample: { eq: ['true'] } } } });
      const { findings } = await client.send(new GetFindingsCommand({ findingIds: samples ?? [] }));

      // Assess
      expect(findings?.map((f) => [f.type, f.count, f.resourcesAffected?.s3Bucket?.name])).toEqual([
        ['SensitiveData:S3Object/Financial', 1, 'macie-sample-finding-bucket'],
        ['Policy:IAMUser/S3BucketPublic', 2, 'macie-sample-finding-bucket'],
      ]);
      expect(findings?.[0]?.resourcesAffected?.s3Object?.key).toMatch(/\.csv$/);
      expect(findings?.[1]?.resourcesAffected?.s3Object).toBeUndefined();
      expect(emitted.map((f) => f.sample)).toEqual([true, true, true]);
    });

    it('creates one sample per type when no types are given and rejects unknown types', async () => {
      // Prepare
      macie.clear();

      // Act
      await client.send(new CreateSampleFindingsCommand({}));
      // The SDK types only allow known types; the AWS CLI sends whatever it is given.
      const unknownType = 'SensitiveData:S3Object/Nope' as FindingType;
      const unknown = client.send(new CreateSampleFindingsCommand({ findingTypes: [unknownType] }));

      // Assess
      expect(macie.all()).toHaveLength(11);
      await expect(unknown).rejects.toMatchObject({ name: 'ValidationException' });
    });
  });

  describe('Method: GetFindingStatistics', () => {
    it('counts findings per group, sorted by count', async () => {
      // Act
      const stats = await client.send(
        new GetFindingStatisticsCommand({
          groupBy: 'resourcesAffected.s3Bucket.name',
          sortCriteria: { attributeName: 'count', orderBy: 'DESC' },
        }),
      );

      // Assess
      expect(stats.countsByGroup).toEqual([
        { groupKey: 'payments', count: 2 },
        { groupKey: 'crm', count: 1 },
      ]);
    });
  });

  describe('Protocol', () => {
    it('sends nextToken null on the last page and ISO date strings', async () => {
      // Act
      const list = await fetch(`${macie.url}/findings`, { method: 'POST', body: '{}' });
      const get = await fetch(`${macie.url}/findings/describe`, {
        method: 'POST',
        body: JSON.stringify({ findingIds: [financial.id] }),
      });

      // Assess
      expect(list.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await list.json()).toEqual({ findingIds: [financial.id, personal.id, archived.id], nextToken: null });
      const body = (await get.json()) as { findings: { createdAt: string }[] };
      expect(body.findings[0]?.createdAt).toBe(day(1));
    });

    it('answers operations it does not implement with a 404 the SDK surfaces with the route named', async () => {
      // Act
      const call = client.send(new ListClassificationJobsCommand({}));

      // Assess
      await expect(call).rejects.toMatchObject({
        name: 'UnknownOperationException',
        $metadata: { httpStatusCode: 404 },
        message: expect.stringContaining('POST /jobs/list'),
      });
    });

    it('is found through AWS_ENDPOINT_URL_MACIE2 by a client built without an endpoint', async () => {
      // Prepare
      const saved = { ...process.env };
      process.env.AWS_ENDPOINT_URL_MACIE2 = macie.url;
      delete process.env.AWS_ENDPOINT_URL;
      try {
        const plain = new Macie2Client({ region: 'us-east-1', credentials, maxAttempts: 1 });

        // Act
        const session = await plain.send(new GetMacieSessionCommand({}));

        // Assess
        expect(session.status).toBe('ENABLED');
        plain.destroy();
      } finally {
        process.env = saved;
      }
    });
  });
});
