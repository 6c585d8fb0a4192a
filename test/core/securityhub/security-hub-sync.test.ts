import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { findingsHubFor } from '../../../core/compose/findings-hub';
import { loadSettings } from '../../../core/config/load-settings';
import { parseFindingEvent } from '../../../core/finding/parse-finding';
import { deliverOwedUpdates } from '../../../core/remediation/deliver-owed-updates';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { requestAction } from '../../../core/remediation/request-action';
import { runJob } from '../../../core/remediation/run-job';
import { SecurityHubFindings } from '../../../core/securityhub/SecurityHubFindings';
import type { LedgerRecord } from '../../../core/types/ledger';
import type { MacieFindingJson } from '../../../local/macie/types';
import { SecurityHubStandIn } from '../../../local/securityhub/SecurityHubStandIn';
import { buildFindingEvent } from '../../support/fixtures';
import { gate } from '../../support/gate';
import { harness } from '../remediation/support/harness';

const OBJECT = { bucket: 'payroll-exports', key: 'hr/salaries.csv', versionId: 'v1', eTag: 'e1' };
const ALICE = 'slack:U0ALICE001';

describe('Security Hub: each decision shows on the finding Macie published (SDK client over HTTP to the stand-in)', () => {
  const hub = new SecurityHubStandIn();
  let client: SecurityHubClient;

  beforeAll(async () => {
    await hub.start();
    client = new SecurityHubClient({
      endpoint: hub.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      // A down Security Hub fails at once: the tests need no retry delays.
      maxAttempts: 1,
    });
  });

  afterEach(() => {
    hub.clear();
    hub.clearRequests();
    hub.up();
  });

  afterAll(async () => {
    client.destroy();
    await hub.stop();
  });

  /** A finding awaiting review in the ledger; Security Hub holds it when `published`. */
  async function awaitingReview(h: ReturnType<typeof harness>, options: { published: boolean }) {
    const event = buildFindingEvent({ type: 'Personal', ...OBJECT });
    const macie = event.detail as unknown as MacieFindingJson;
    if (options.published) hub.publish(macie);
    const finding = parseFindingEvent(event);
    await receiveFinding(h.deps, finding);
    return { id: finding.id, macie };
  }

  async function stored(h: ReturnType<typeof harness>, id: string) {
    const record = await h.ledger.get(id);
    if (!record) throw new Error(`finding ${id} is not in the ledger`);
    return record;
  }

  const withHub = () => harness({ findingsHub: new SecurityHubFindings({ client: () => client }) });

  it('an approved move → RESOLVED, with a note naming the approver and where the object went', async () => {
    // Prepare
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });

    // Act
    await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });

    // Assess
    const shown = hub.forMacieFinding(id);
    const record = await h.ledger.get(id);
    expect(record).toMatchObject({
      state: 'QUARANTINED',
      securityHub: { id, productArn: 'arn:aws:securityhub:us-east-1::product/aws/macie' },
    });
    expect(record?.securityHubOwed).toBeUndefined();
    expect(shown?.Workflow.Status).toBe('RESOLVED');
    expect(shown?.Note).toMatchObject({
      Text: `Quarantined by Slack user U0ALICE001 on 2026-11-27T12:00:00.000Z: s3://payroll-exports/hr/salaries.csv moved to s3://${record?.quarantine?.bucket}/${record?.quarantine?.key}.`,
      UpdatedBy: 'macie-remediate',
    });
    expect(shown?.UserDefinedFields).toMatchObject({
      macieRemediateState: 'QUARANTINED',
      macieRemediateActor: ALICE,
      quarantineKey: `s3://${record?.quarantine?.bucket}/${record?.quarantine?.key}`,
    });
    const filters = hub.requests().find((r) => r.operation === 'GetFindings')?.body;
    expect(filters).toMatchObject({
      Filters: {
        ProductName: [{ Value: 'Macie', Comparison: 'EQUALS' }],
        ResourceId: [{ Value: 'arn:aws:s3:::payroll-exports/hr/salaries.csv', Comparison: 'EQUALS' }],
      },
    });
  });

  it('a legal hold shows in the note and a field while it lasts; a release takes it off', async () => {
    // Prepare: a quarantined finding Security Hub shows as RESOLVED
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });
    await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });

    // Act
    await runJob(h.deps, { kind: 'hold', findingId: id, actor: 'cli:carol', reason: 'case SEC-7' });
    const held = hub.forMacieFinding(id);
    await runJob(h.deps, { kind: 'release', findingId: id, actor: 'cli:carol' });
    const released = hub.forMacieFinding(id);

    // Assess
    expect(held?.Workflow.Status).toBe('RESOLVED');
    expect(held?.Note?.Text).toContain('. On legal hold since 2026-11-27T12:00:00.000Z by carol (terminal).');
    expect(held?.UserDefinedFields).toMatchObject({ legalHold: '2026-11-27T12:00:00.000Z cli:carol' });
    expect(released?.Note?.Text).not.toContain('legal hold');
    expect(released?.UserDefinedFields).toMatchObject({ legalHold: 'none' });
  });

  it('a dismissal → SUPPRESSED, naming who dismissed it', async () => {
    // Prepare
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });

    // Act
    await requestAction(h.deps, { action: 'dismiss', findingId: id, actor: ALICE });

    // Assess
    expect(hub.forMacieFinding(id)).toMatchObject({
      Workflow: { Status: 'SUPPRESSED' },
      Note: { Text: 'Dismissed by Slack user U0ALICE001 on 2026-11-27T12:00:00.000Z.' },
    });
  });

  it('a restore → NOTIFIED, naming who restored it; the identifiers are read back once', async () => {
    // Prepare
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });
    await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });

    // Act
    await runJob(h.deps, { kind: 'restore', findingId: id, actor: 'cli:bob' });

    // Assess
    expect(hub.forMacieFinding(id)).toMatchObject({
      Workflow: { Status: 'NOTIFIED' },
      Note: { Text: 'Restored by bob (terminal) on 2026-11-27T12:00:00.000Z to s3://payroll-exports/hr/salaries.csv.' },
      UserDefinedFields: { macieRemediateState: 'RESTORED', macieRemediateActor: 'cli:bob' },
    });
    expect(hub.requests().map((r) => r.operation)).toEqual([
      'GetFindings',
      'BatchUpdateFindings',
      'BatchUpdateFindings',
    ]);
  });

  it('Security Hub down during a move: the move completes, the update is owed and arrives on the next delivery', async () => {
    // Prepare
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });
    hub.down();

    // Act
    const moved = await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });
    const owed = await h.ledger.get(id);
    hub.up();
    const redelivered = parseFindingEvent(buildFindingEvent({ id, type: 'Personal', ...OBJECT }));
    await receiveFinding(h.deps, redelivered);

    // Assess
    expect(moved.accepted).toBe(true);
    expect(owed).toMatchObject({ state: 'QUARANTINED', securityHubOwed: true });
    expect(owed?.history.at(-1)).toMatchObject({ action: 'security-hub-owed' });
    expect(h.quarantine.moves).toHaveLength(1);
    expect(hub.forMacieFinding(id)?.Workflow.Status).toBe('RESOLVED');
    expect(await h.ledger.get(id)).toMatchObject({ securityHubOwed: false, securityHub: { id } });
  });

  it('a finding Security Hub does not hold yet is owed, and delivered once Macie has published it', async () => {
    // Prepare
    const h = withHub();
    const { id, macie } = await awaitingReview(h, { published: false });
    await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });
    const owed = await h.ledger.get(id);
    hub.publish(macie);

    // Act
    const delivered = await deliverOwedUpdates(h.deps, await stored(h, id));

    // Assess
    expect(owed).toMatchObject({ securityHubOwed: true });
    expect(owed?.history.at(-1)).toMatchObject({
      action: 'security-hub-owed',
      detail: 'Security Hub does not hold this finding (yet)',
    });
    expect(delivered).toEqual({ slack: false, securityHub: true });
    expect(hub.forMacieFinding(id)?.Workflow.Status).toBe('RESOLVED');
  });

  it('an update Security Hub leaves unprocessed counts as failed and is owed', async () => {
    // Prepare
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });
    await requestAction(h.deps, { action: 'dismiss', findingId: id, actor: ALICE });
    hub.clear();

    // Act
    const delivered = await deliverOwedUpdates(h.deps, { ...(await stored(h, id)), securityHubOwed: true });

    // Assess
    expect(delivered.securityHub).toBe(false);
    expect((await h.ledger.get(id))?.history.at(-1)).toMatchObject({
      action: 'security-hub-owed',
      detail: 'Security Hub did not update the finding: FindingNotFound Finding Not Found',
    });
  });

  it('looks up findings asked for together in shared GetFindings calls, 20 at most', async () => {
    // Prepare: 25 findings of their own objects, all but one published in Security Hub
    const h = withHub();
    const records: LedgerRecord[] = [];
    for (let i = 0; i < 25; i++) {
      const event = buildFindingEvent({ type: 'Personal', ...OBJECT, key: `hr/part-${i}.csv` });
      if (i !== 7) hub.publish(event.detail as unknown as MacieFindingJson);
      const finding = parseFindingEvent(event);
      await receiveFinding(h.deps, finding);
      records.push(await stored(h, finding.id));
    }
    hub.clearRequests();
    const findings = new SecurityHubFindings({ client: () => client });

    // Act: as a bulk run's jobs ask, each on its own
    const located = await Promise.all(records.map((record) => findings.locate(record)));

    // Assess: asked for in one go, they share two calls, 20 and 5
    const calls = hub.requests().filter((r) => r.operation === 'GetFindings');
    const resources = calls.map((call) => (call.body as { Filters: { ResourceId: unknown[] } }).Filters.ResourceId);
    expect(resources.map((values) => values.length)).toEqual([20, 5]);
    expect(located.map((ref) => ref?.id)).toEqual(records.map((record) => hub.forMacieFinding(record.findingId)?.Id));
    expect(located.filter((ref) => ref !== undefined)).toHaveLength(24);
    expect(located[7]).toBeUndefined();
  });

  it('fails every look-up that shared a call when Security Hub fails it, and the next ones go on', async () => {
    // Prepare
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });
    const record = await stored(h, id);
    const findings = new SecurityHubFindings({ client: () => client });
    hub.down();

    // Act
    const failed = await Promise.allSettled([findings.locate(record), findings.locate(record)]);
    hub.up();
    const again = await findings.locate(record);

    // Assess
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(failed[0]).toMatchObject({ reason: { code: 'SECURITY_HUB_FAILED' } });
    expect(again?.id).toBe(hub.forMacieFinding(id)?.Id);
  });

  it('fails a look-up whose call hangs past its time limit, and the look-ups waiting behind it go on', async () => {
    // Prepare: an endpoint that takes the request and never answers, for the first call only
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });
    const record = await stored(h, id);
    const received = gate();
    const silent = createServer(() => received.open());
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const hanging = new SecurityHubClient({
      endpoint: `http://127.0.0.1:${(silent.address() as AddressInfo).port}`,
      region: 'us-east-1',
      credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
      maxAttempts: 1,
    });
    let calls = 0;
    const findings = new SecurityHubFindings({
      client: () => (calls++ === 0 ? hanging : client),
      lookupTimeLimitMs: 200,
    });

    // Act: the second asked for once the first call is under way (and hanging)
    const first = findings.locate(record);
    await received.opened;
    const [hung, behind] = await Promise.allSettled([first, findings.locate(record)]);
    hanging.destroy();
    silent.closeAllConnections();
    silent.close();

    // Assess
    expect(hung).toMatchObject({ status: 'rejected', reason: { code: 'SECURITY_HUB_FAILED' } });
    expect(behind).toMatchObject({ status: 'fulfilled', value: { id: hub.forMacieFinding(id)?.Id } });
  });

  it("waits for its turn at each operation's quota before every request", async () => {
    // Prepare: turns that open only when the test says so
    const h = withHub();
    const { id } = await awaitingReview(h, { published: true });
    const record = await stored(h, id);
    const gates = { lookups: gate(), updates: gate() };
    const findings = new SecurityHubFindings({
      client: () => client,
      pace: { lookups: () => gates.lookups.opened, updates: () => gates.updates.opened },
    });
    hub.clearRequests();
    const sent = (operation: string) => hub.requests().filter((r) => r.operation === operation).length;
    const settled = () => new Promise((resolve) => setTimeout(resolve, 50));

    // Act: a look-up and an update asked for while their turns are closed, then each turn opened
    const located = findings.locate(record);
    await settled();
    const lookupsBefore = sent('GetFindings');
    gates.lookups.open();
    const ref = await located;
    if (!ref) throw new Error('Security Hub holds the finding');
    const updated = findings.update(ref, { status: 'NOTIFIED', note: 'paced', fields: {} });
    await settled();
    const updatesBefore = sent('BatchUpdateFindings');
    gates.updates.open();
    await updated;

    // Assess
    expect([lookupsBefore, sent('GetFindings')]).toEqual([0, 1]);
    expect([updatesBefore, sent('BatchUpdateFindings')]).toEqual([0, 1]);
  });

  it('with securityHub: false the composition carries no FindingsHub: nothing is sent, nothing owed', async () => {
    // Prepare
    const off = loadSettings({ env: { MACIE_REMEDIATE_SECURITY_HUB: 'false' } });
    const made = jest.fn(() => client);
    const composed = findingsHubFor(off, { securityHub: made });
    const h = harness(composed.findingsHub ? { findingsHub: composed.findingsHub } : {});
    const { id } = await awaitingReview(h, { published: true });

    // Act
    await requestAction(h.deps, { action: 'remediate', findingId: id, actor: ALICE });

    // Assess
    expect(composed).toEqual({});
    expect(made).not.toHaveBeenCalled();
    expect(findingsHubFor(loadSettings({}), { securityHub: made }).findingsHub).toBeInstanceOf(SecurityHubFindings);
    expect(hub.requests()).toEqual([]);
    expect((await h.ledger.get(id))?.securityHubOwed).toBeUndefined();
  });
});
