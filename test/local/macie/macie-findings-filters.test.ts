import {
  CreateFindingsFilterCommand,
  DeleteFindingsFilterCommand,
  GetFindingsFilterCommand,
  ListFindingsCommand,
  paginateListFindingsFilters,
  ResourceNotFoundException,
  ServiceQuotaExceededException,
  ValidationException,
} from '@aws-sdk/client-macie2';
import { makeFinding } from '../../../local/macie/make-finding';
import type { MacieFindingJson } from '../../../local/macie/types';
import { useMacieStandIn } from '../../support/macie-stand-in';

const onObject = (bucket: string, key: string) => ({
  criterion: { 'resourcesAffected.s3Bucket.name': { eq: [bucket] }, 'resourcesAffected.s3Object.key': { eq: [key] } },
});

describe('MacieStandIn: findings filters', () => {
  const stand = useMacieStandIn();
  const { macie } = stand;

  beforeEach(() => {
    macie.clear();
  });

  it('creates, gets, lists and deletes a filter with the fields the SDK parses', async () => {
    // Act
    const created = await stand.client.send(
      new CreateFindingsFilterCommand({
        action: 'ARCHIVE',
        name: 'macie-remediate-data-1a2b3c',
        description: 'dismissed by @alice',
        findingCriteria: onObject('data', 'a.csv'),
        clientToken: 'token-1',
        tags: { 'macie-remediate:created': '2025-03-01T00:00:00.000Z' },
      }),
    );
    const got = await stand.client.send(new GetFindingsFilterCommand({ id: created.id }));
    const listed = [];
    for await (const page of paginateListFindingsFilters({ client: stand.client }, {}))
      listed.push(...(page.findingsFilterListItems ?? []));

    // Assess
    expect(created.arn).toBe(`arn:aws:macie2:us-east-1:111122223333:findings-filter/${created.id}`);
    expect(got).toMatchObject({
      action: 'ARCHIVE',
      name: 'macie-remediate-data-1a2b3c',
      description: 'dismissed by @alice',
      findingCriteria: onObject('data', 'a.csv'),
      tags: { 'macie-remediate:created': '2025-03-01T00:00:00.000Z' },
    });
    expect(listed).toEqual([
      expect.objectContaining({ id: created.id, name: 'macie-remediate-data-1a2b3c', action: 'ARCHIVE' }),
    ]);
    await stand.client.send(new DeleteFindingsFilterCommand({ id: created.id }));
    await expect(stand.client.send(new GetFindingsFilterCommand({ id: created.id }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('answers a retried create with the same clientToken with the same filter', async () => {
    // Act
    const input = { action: 'ARCHIVE' as const, name: 'same', findingCriteria: onObject('b', 'k'), clientToken: 't' };
    const first = await stand.client.send(new CreateFindingsFilterCommand(input));
    const second = await stand.client.send(new CreateFindingsFilterCommand(input));

    // Assess
    expect(second.id).toBe(first.id);
  });

  it('refuses a short name, an unknown action, a long description and the 1,001st filter', async () => {
    // Prepare
    const create = (input: Record<string, unknown>) =>
      stand.client.send(
        new CreateFindingsFilterCommand({
          action: 'ARCHIVE',
          name: 'a-name',
          findingCriteria: onObject('b', 'k'),
          ...input,
        } as never),
      );

    // Act, Assess
    await expect(create({ name: 'ab' })).rejects.toBeInstanceOf(ValidationException);
    await expect(create({ action: 'DELETE' })).rejects.toBeInstanceOf(ValidationException);
    await expect(create({ description: 'x'.repeat(513) })).rejects.toBeInstanceOf(ValidationException);
    for (let i = 0; i < 1000; i++) await create({ name: `filter-${i}` });
    await expect(create({ name: 'one-too-many' })).rejects.toBeInstanceOf(ServiceQuotaExceededException);
  }, 60_000);

  it('archives the findings an ARCHIVE filter matches from then on: not current, no event', async () => {
    // Prepare
    const emitted: MacieFindingJson[] = [];
    macie.on('finding', (finding) => emitted.push(finding));
    await stand.client.send(
      new CreateFindingsFilterCommand({
        action: 'ARCHIVE',
        name: 'suppress-a',
        findingCriteria: onObject('data', 'a.csv'),
      }),
    );
    await stand.client.send(
      new CreateFindingsFilterCommand({
        action: 'NOOP',
        name: 'just-a-view',
        findingCriteria: onObject('data', 'b.csv'),
      }),
    );
    const suppressed = makeFinding({ bucket: 'data', key: 'a.csv', type: 'SensitiveData:S3Object/Personal' });
    const kept = makeFinding({ bucket: 'data', key: 'b.csv', type: 'SensitiveData:S3Object/Personal' });

    // Act
    macie.add(suppressed, kept);
    const current = await stand.client.send(
      new ListFindingsCommand({ findingCriteria: { criterion: { archived: { eq: ['false'] } } } }),
    );

    // Assess
    expect(current.findingIds).toEqual([kept.id]);
    expect(macie.get(suppressed.id)?.archived).toBe(true);
    expect(emitted.map((f) => f.id)).toEqual([kept.id]);
    macie.removeAllListeners('finding');
  });
});
