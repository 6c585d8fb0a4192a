import { MacieSuppressions } from '../../../core/macie/MacieSuppressions';
import { handleClick } from '../../../core/remediation/handle-click';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import type { SlackInteraction } from '../../../core/slack/parse-interaction';
import { makeFinding } from '../../../local/macie/make-finding';
import { buildFinding } from '../../support/fixtures';
import { useMacieStandIn } from '../../support/macie-stand-in';
import { harness } from './support/harness';

const CHANNEL = 'C0REVIEW01';
const ALICE = 'U0ALICE001';
const TEAM = 'T0LOCAL001';

const click = (findingId: string, overrides: Partial<SlackInteraction> = {}): SlackInteraction => ({
  type: 'block_actions',
  actionId: 'dismiss_suppress',
  value: findingId,
  userId: ALICE,
  teamId: TEAM,
  channelId: CHANNEL,
  messageTs: '1764237600.000001',
  triggerId: 'trigger-1',
  ...overrides,
});

const options = {
  approval: { approvers: [ALICE], approverGroups: [], channel: CHANNEL, teamId: TEAM },
  lookupGroupMembers: async () => [],
};

describe('"Dismiss and suppress similar" over the Macie stand-in', () => {
  const stand = useMacieStandIn();
  const { macie } = stand;

  beforeEach(() => {
    macie.clear();
    macie.clearRequests();
  });

  async function setUp() {
    const h = harness();
    const deps = { ...h.deps, suppressions: new MacieSuppressions({ client: stand.client }) };
    const finding = buildFinding({ type: 'Personal', bucket: 'payroll-exports', key: 'hr/salaries.csv' });
    await receiveFinding(deps, finding);
    return { h, deps, id: finding.id };
  }

  it('dismisses, then creates one ARCHIVE filter for the bucket and type that archives the next such finding', async () => {
    // Prepare
    const { h, deps, id } = await setUp();

    // Act
    const result = await handleClick(deps, click(id), options);
    const later = makeFinding({
      bucket: 'payroll-exports',
      key: 'hr/bonus.csv',
      type: 'SensitiveData:S3Object/Personal',
    });
    macie.add(later);

    // Assess
    expect(result).toMatchObject({ status: 'accepted', action: 'dismiss' });
    const record = await h.ledger.get(id);
    expect(record?.state).toBe('DISMISSED');
    const [dismissed] = h.announcer.of('dismissed');
    expect(dismissed).toEqual({
      method: 'dismissed',
      findingId: id,
      actor: `slack:${ALICE}`,
      suppression: { status: 'created', name: expect.stringMatching(/^macie-remediate-payroll-exports-[0-9a-f]{8}$/) },
    });
    expect(record?.history.map((e) => e.action)).toEqual(expect.arrayContaining(['suppression-created']));
    expect(macie.get(later.id)?.archived).toBe(true);
    const creates = macie.requests().filter((r) => r.operation === 'CreateFindingsFilter');
    expect(creates).toEqual([
      expect.objectContaining({
        body: expect.objectContaining({
          action: 'ARCHIVE',
          findingCriteria: {
            criterion: {
              'resourcesAffected.s3Bucket.name': { eq: ['payroll-exports'] },
              type: { eq: ['SensitiveData:S3Object/Personal'] },
            },
          },
          description: expect.stringContaining(`Dismissed by slack:${ALICE}`),
        }),
      }),
    ]);
  });

  it('keeps the dismissal when Macie fails, and says so in the message', async () => {
    // Prepare
    const { h, deps, id } = await setUp();
    macie.failNext(1, 'ListFindingsFilters');

    // Act
    const result = await handleClick(deps, click(id), options);

    // Assess
    expect(result.status).toBe('accepted');
    expect((await h.ledger.get(id))?.state).toBe('DISMISSED');
    expect(h.announcer.of('dismissed')).toEqual([
      expect.objectContaining({
        suppression: expect.objectContaining({ status: 'failed', reason: expect.stringContaining('Macie') }),
      }),
    ]);
    expect(macie.requests().filter((r) => r.operation === 'CreateFindingsFilter')).toEqual([]);
  });

  it('refuses someone who may not dismiss: nothing dismissed, no filter', async () => {
    // Prepare
    const { h, deps, id } = await setUp();

    // Act
    const result = await handleClick(deps, click(id, { userId: 'U0MALLORY1' }), options);

    // Assess
    expect(result.status).toBe('not-authorized');
    expect((await h.ledger.get(id))?.state).toBe('AWAITING_REVIEW');
    expect(macie.requests()).toEqual([]);
  });

  it('a plain Dismiss creates no filter', async () => {
    // Prepare
    const { deps, id } = await setUp();

    // Act
    await handleClick(deps, click(id, { actionId: 'dismiss' }), options);

    // Assess
    expect(macie.requests()).toEqual([]);
  });
});
