import { CreateFindingsFilterCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { RemediateError } from '../../../core/errors';
import { MacieSuppressions } from '../../../core/macie/MacieSuppressions';
import { type SuppressionRequest, suppressionRule } from '../../../core/macie/suppression-rule';
import { MacieStandIn } from '../../../local/macie/MacieStandIn';

const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
const request: SuppressionRequest = {
  scope: 'object',
  findingId: 'f-1',
  accountId: '111122223333',
  bucket: 'data',
  key: 'a.csv',
  findingType: 'SensitiveData:S3Object/Personal',
  actor: 'slack:U123',
  reason: 'dismissed',
  at: '2025-03-01T10:00:00.000Z',
};

describe('MacieSuppressions over the Macie stand-in', () => {
  const macie = new MacieStandIn();
  let client: Macie2Client;
  let suppressions: MacieSuppressions;

  beforeAll(async () => {
    client = new Macie2Client({ endpoint: await macie.start(), region: 'us-east-1', credentials, maxAttempts: 1 });
    suppressions = new MacieSuppressions({ client });
  });

  afterAll(async () => {
    client.destroy();
    await macie.stop();
  });

  beforeEach(() => {
    macie.clear();
  });

  const all = async () => {
    const found = [];
    for await (const suppression of suppressions.list()) found.push(suppression);
    return found;
  };

  it('creates one ARCHIVE filter per object: a second dismissal finds it by name', async () => {
    // Act
    const first = await suppressions.suppress(suppressionRule(request));
    const second = await suppressions.suppress(suppressionRule({ ...request, findingId: 'f-2', actor: 'slack:U9' }));

    // Assess
    expect(first).toEqual({ status: 'created', name: suppressionRule(request).name });
    expect(second).toEqual({ status: 'exists', name: first.name });
    expect(await all()).toEqual([
      {
        id: expect.any(String),
        name: first.name,
        criterion: suppressionRule(request).criterion,
        description: suppressionRule(request).description,
        createdAt: '2025-03-01T10:00:00.000Z',
      },
    ]);
  });

  it('says the quota is full instead of throwing', async () => {
    // Prepare
    for (let i = 0; i < 1000; i++) {
      await client.send(
        new CreateFindingsFilterCommand({ action: 'NOOP', name: `team-view-${i}`, findingCriteria: { criterion: {} } }),
      );
    }

    // Act
    const result = await suppressions.suppress(suppressionRule(request));

    // Assess
    expect(result).toEqual({ status: 'quota-full', name: suppressionRule(request).name });
  }, 60_000);

  it('lists and removes only its own filters', async () => {
    // Prepare
    await client.send(
      new CreateFindingsFilterCommand({ action: 'ARCHIVE', name: 'team-rule', findingCriteria: { criterion: {} } }),
    );
    const { name } = await suppressions.suppress(suppressionRule(request));

    // Act
    const listed = await all();
    const notOurs = await suppressions.remove('team-rule');
    const unknown = await suppressions.remove('macie-remediate-nothing-00000000');
    const deleted = await suppressions.remove(name);

    // Assess
    expect(listed.map((s) => s.name)).toEqual([name]);
    expect([notOurs, unknown, deleted]).toEqual(['not-ours', 'not-found', 'deleted']);
    expect(await all()).toEqual([]);
  });

  it('throws MACIE_FAILED when Macie fails', async () => {
    // Prepare
    macie.failNext(1, 'ListFindingsFilters');

    // Act
    const call = suppressions.suppress(suppressionRule(request));

    // Assess
    await expect(call).rejects.toBeInstanceOf(RemediateError);
    await expect(call).rejects.toMatchObject({ code: 'MACIE_FAILED' });
  });
});
