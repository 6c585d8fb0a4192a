import { ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { buildRemediationDeps } from '../../../core/compose/build-remediation-deps';
import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { createFindingHandler } from '../../../lambda/factories/finding-handler';
import { type RemediationApi, startRemediationApi } from '../../../local/api/RemediationApiServer';
import { uniqueName } from '../../support/aws';
import { clickHandlerOf } from '../../support/click-handler';
import { type Dynalite, startDynalite } from '../../support/dynalite';
import { ALICE, CHANNEL, type LiveStack, startLiveStack } from '../../support/live-stack';
import { buttonsOf } from '../../support/slack-messages';

const CLICKS = 50;

/**
 * Fifty approvers' clicks on one Remediate button at the same moment, over HTTP through the local API.
 * The ledger runs on dynalite: its conditional writes are atomic per key under concurrent requests (moto's
 * are not), which is the property the lock relies on in DynamoDB.
 */
describe('Fifty simultaneous approvals of one finding', () => {
  let live: LiveStack;
  let dynalite: Dynalite;
  let api: RemediationApi;

  beforeAll(async () => {
    live = await startLiveStack();
    dynalite = await startDynalite();
  });
  afterAll(async () => {
    await api?.stop();
    await dynalite.stop();
    await live.stop();
  });

  it('move the object once, update the message once, and tell the 49 others who won', async () => {
    // Prepare
    const table = uniqueName('ledger');
    const dynamo = dynalite.client();
    await createLedgerTable(dynamo, table, { pollMs: 10 });
    const settings = live.settings({ MACIE_REMEDIATE_LEDGER_TABLE: table });
    const { deps, inProcess, notifier } = buildRemediationDeps({
      settings,
      s3: live.s3,
      dynamo,
      clock: live.clock,
      background: true,
    });
    const object = await live.putObject('hr/contested.csv');
    const event = live.findingEvent('Personal', object);
    await createFindingHandler({ deps })(event);
    api = await startRemediationApi({ handler: await clickHandlerOf({ settings, deps, notifier }), clock: live.clock });
    live.slack.setInteractivityUrl(`${api.url}/slack/actions`);
    const [review] = live.slack.messages(CHANNEL.id);
    if (!review) throw new Error('no review message');
    const callsBefore = live.slack.calls().length;

    // Act
    const clicks = await Promise.all(
      Array.from({ length: CLICKS }, () =>
        live.slack.clickButton({ ts: review.ts, actionId: 'remediate', userId: ALICE }),
      ),
    );
    await inProcess?.idle();

    // Assess
    expect(clicks.map((c) => c.status)).toEqual(Array(CLICKS).fill(200));
    const record = await deps.ledger.get(String(event.detail.id));
    expect(record?.state).toBe('QUARANTINED');
    expect(record?.history.filter((e) => e.action === 'remediate-requested')).toHaveLength(1);
    expect(record?.history.filter((e) => e.action === 'quarantined')).toHaveLength(1);
    const copies = await live.s3.send(
      new ListObjectVersionsCommand({ Bucket: live.quarantineBucket, Prefix: `${event.detail.id}/` }),
    );
    expect(copies.Versions ?? []).toHaveLength(1);
    const calls = live.slack.calls().slice(callsBefore);
    const updates = calls.filter((c) => c.method === 'response_url' || c.method === 'chat.update');
    // One progress update ("in progress by @alice") and one outcome: the message changed once per stage.
    expect(updates).toHaveLength(2);
    expect(live.slack.messages(CHANNEL.id)).toHaveLength(1);
    expect(buttonsOf(live.slack.messages(CHANNEL.id)[0])).toEqual(['Restore']);
    const told = live.slack.ephemerals({ user: ALICE }).map((e) => e.text);
    expect(told).toHaveLength(CLICKS - 1);
    expect(told.every((text) => text.startsWith('Nothing done: finding is '))).toBe(true);
  });
});
