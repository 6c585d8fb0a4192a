import { randomBytes } from 'node:crypto';
import {
  GetObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { REVIEW_FLOOD } from '../../core/remediation/announce-review';
import { CLASSIFICATION_TAG } from '../../core/remediation/remediation-actions';
import type { RemediationJob } from '../../core/types/ports';
import { createFindingHandler } from '../../lambda/factories/finding-handler';
import { createRemediator } from '../../lambda/factories/remediator';
import type { MacieFindingJson } from '../../local/macie/types';
import { SecurityHubStandIn } from '../../local/securityhub/SecurityHubStandIn';
import { motoUrl, testCredentials } from '../support/aws';
import { clickHandlerOf } from '../support/click-handler';
import { failOn } from '../support/fault-injection';
import { FIXTURE_ACCOUNT } from '../support/fixtures';
import { type KmsEnforcingS3, readerClient, startKmsEnforcingS3 } from '../support/kms-enforcing-s3';
import { ALICE, BOB, CHANNEL, type LiveStack, startLiveStack } from '../support/live-stack';
import { buttonsOf } from '../support/slack-messages';
import { v2Event } from './support/proxy-events';

/** The stack's quarantine key (MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID): only the remediator's credentials may use it. */
const QUARANTINE_KEY = `arn:aws:kms:us-east-1:${FIXTURE_ACCOUNT}:key/quarantine-e2e`;
const BODY = 'name,card\nAda,4111 1111 1111 1111\n';
const EXEMPT_TAG = 'macie-remediate:exempt';

/**
 * SEAL, TAG and Exempt through the doors the stack deploys: a signed click to the remediation handler, the
 * job it dispatches run by the remediator factory (as the asynchronous Lambda would), S3 on moto behind a
 * proxy that enforces the quarantine key, Slack on the stand-in, Security Hub on its stand-in.
 */
describe('Handler: remediation-handler and remediator, with the actions SEAL and TAG and exemptions', () => {
  let proxy: KmsEnforcingS3;
  let live: LiveStack;
  let reader: S3Client;
  const hub = new SecurityHubStandIn();
  let hubClient: SecurityHubClient;

  beforeAll(async () => {
    proxy = await startKmsEnforcingS3(motoUrl(), { [QUARANTINE_KEY]: [testCredentials.accessKeyId] });
    live = await startLiveStack({ endpoint: proxy.url });
    // An application reading the bucket: its role is not among the quarantine key's users.
    reader = readerClient(proxy.url);
    await hub.start();
    hubClient = new SecurityHubClient({
      endpoint: hub.url,
      region: 'us-east-1',
      credentials: testCredentials,
      maxAttempts: 1,
    });
  });
  afterAll(async () => {
    reader.destroy();
    hubClient.destroy();
    await hub.stop();
    await live.stop();
    await proxy.stop();
  });
  beforeEach(() => {
    live.slack.reset();
    live.clock.advance(REVIEW_FLOOD.windowMs);
  });

  /**
   * A finding received by the finding handler (published in Security Hub first, as Macie does), the click
   * handler of the deployed API, and the remediator over the same settings; dispatched jobs wait in `jobs`.
   */
  async function received(type: string, env: Readonly<Record<string, string>> = {}) {
    const jobs: RemediationJob[] = [];
    const composed = live.compose({
      env,
      engine: { kmsKeyId: QUARANTINE_KEY },
      securityHub: () => hubClient,
      dispatcher: { dispatch: async (job) => void jobs.push(job) },
    });
    const object = await putObject(`hr/${randomBytes(4).toString('hex')}.csv`);
    const event = live.findingEvent(type, object);
    hub.publish(event.detail as unknown as MacieFindingJson);
    const findingId = String(event.detail.id);
    const receivedResult = await createFindingHandler({ deps: composed.deps })(event);
    const handle = await clickHandlerOf(composed);
    const remediator = createRemediator({ deps: composed.deps });
    /** Runs the one job dispatched since the last call, as the remediator Lambda would. */
    const runDispatched = async () => {
      const job = jobs.shift();
      if (!job) throw new Error('no job dispatched');
      expect(jobs).toHaveLength(0);
      return remediator(job);
    };
    const record = async () => {
      const found = await composed.deps.ledger.get(findingId);
      if (!found) throw new Error(`finding ${findingId} is not in the ledger`);
      return found;
    };
    const message = () => live.slack.messages(CHANNEL.id).at(-1);
    const click = (actionId: string, userId = ALICE) => {
      const ts = message()?.ts;
      if (!ts) throw new Error('no message posted');
      return live.slack.buildClick({ ts, actionId, userId });
    };
    const submit = (text: string) => {
      const view = live.slack.views.opened().at(-1);
      if (!view) throw new Error('no modal open');
      return live.slack.buildSubmission({ viewId: view.id, text });
    };
    return {
      ...composed,
      jobs,
      object,
      event,
      findingId,
      receivedResult,
      handle,
      remediator,
      runDispatched,
      record,
      message,
      click,
      submit,
    };
  }

  /** As S3 writes every new object (moto leaves an object without SSE headers unencrypted): SSE-S3. */
  const putObject = async (key: string) => {
    const put = await live.s3.send(
      new PutObjectCommand({ Bucket: live.sourceBucket, Key: key, Body: BODY, ServerSideEncryption: 'AES256' }),
    );
    return {
      bucket: live.sourceBucket,
      key,
      versionId: put.VersionId ?? '',
      eTag: (put.ETag ?? '').replaceAll('"', ''),
    };
  };
  const head = (bucket: string, key: string) => live.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
  const readAs = async (client: S3Client, bucket: string, key: string) =>
    (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
  const tagsOf = async (bucket: string, key: string) =>
    (await live.s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }))).TagSet ?? [];
  const textOf = (message: unknown) => JSON.stringify(message);

  describe('"Seal instead" and "Tag instead" on a REVIEW finding', () => {
    it('seals on a signed "Seal instead" click, shows it in Slack and Security Hub, and a Restore with its reason unseals', async () => {
      // Prepare
      const t = await received('Personal');
      const before = await head(t.object.bucket, t.object.key);
      expect(buttonsOf(t.message())).toContain('Seal instead');

      // Act
      const clicked = await t.handle(v2Event(t.click('remediate_seal')));
      const claimed = await t.record();
      const sealed = await t.runDispatched();
      const afterSeal = {
        message: t.message(),
        head: await head(t.object.bucket, t.object.key),
        readerRefused: await readAs(reader, t.object.bucket, t.object.key).catch((err: Error) => err.name),
        remediatorReads: await readAs(live.s3, t.object.bucket, t.object.key),
        hub: hub.forMacieFinding(t.findingId),
      };
      await t.handle(v2Event(t.click('restore')));
      const modal = live.slack.views.opened().at(-1);
      const submitted = await t.handle(v2Event(t.submit('false positive, test data (SEC-7)')));
      const restored = await t.runDispatched();

      // Assess
      expect(clicked.statusCode).toBe(200);
      expect(claimed).toMatchObject({ state: 'REMEDIATING', remediation: 'SEAL' });
      expect(sealed).toMatchObject({ outcome: 'SEALED', action: 'SEAL' });
      expect(afterSeal.head).toMatchObject({ ServerSideEncryption: 'aws:kms', SSEKMSKeyId: QUARANTINE_KEY });
      expect(afterSeal.readerRefused).toBe('AccessDenied');
      expect(afterSeal.remediatorReads).toBe(BODY);
      expect(afterSeal.message?.text).toContain('Sealed in place');
      expect(textOf(afterSeal.message?.blocks)).toContain(`*Sealed in place* by <@${ALICE}>`);
      expect(buttonsOf(afterSeal.message)).toEqual(['Restore']);
      expect(afterSeal.hub?.Workflow.Status).toBe('RESOLVED');
      expect(afterSeal.hub?.Note?.Text).toMatch(
        new RegExp(
          `^Sealed in place by Slack user ${ALICE} on .*: s3://${t.object.bucket}/${t.object.key} re-encrypted`,
        ),
      );

      expect(modal?.view).toMatchObject({ title: { text: 'Restore: why?' } });
      expect(submitted.statusCode).toBe(200);
      expect(restored).toMatchObject({ outcome: 'RESTORED', action: 'SEAL' });
      const back = await head(t.object.bucket, t.object.key);
      expect(back.ServerSideEncryption).toBe(before.ServerSideEncryption);
      expect(back.SSEKMSKeyId).toBe(before.SSEKMSKeyId);
      expect(await readAs(reader, t.object.bucket, t.object.key)).toBe(BODY);
      const record = await t.record();
      expect(record).toMatchObject({ state: 'RESTORED', remediation: 'SEAL' });
      expect(record.history.map((e) => e.action)).toEqual(
        expect.arrayContaining(['remediate-requested', 'sealed', 'restore-requested', 'restored']),
      );
      expect(textOf(t.message()?.blocks)).toContain('false positive, test data (SEC-7)');
      expect(hub.forMacieFinding(t.findingId)?.Note?.Text).toContain('Reason: false positive, test data (SEC-7)');
    });

    it('tags on a signed "Tag instead" click: TAGGED, the classification tag on the object, nothing moved', async () => {
      // Prepare
      const t = await received('Personal');

      // Act
      await t.handle(v2Event(t.click('remediate_tag')));
      const claimed = await t.record();
      const tagged = await t.runDispatched();

      // Assess
      expect(claimed).toMatchObject({ state: 'REMEDIATING', remediation: 'TAG' });
      expect(tagged).toMatchObject({ outcome: 'TAGGED', action: 'TAG' });
      expect(await tagsOf(t.object.bucket, t.object.key)).toEqual([
        {
          Key: CLASSIFICATION_TAG,
          Value: `${claimed.severity.toUpperCase()} SensitiveData:S3Object/Personal ${t.findingId}`,
        },
      ]);
      expect(await readAs(reader, t.object.bucket, t.object.key)).toBe(BODY);
      expect(t.message()?.text).toContain('Tagged');
      expect(buttonsOf(t.message())).toEqual(['Restore']);
      expect(hub.forMacieFinding(t.findingId)?.Note?.Text).toMatch(new RegExp(`^Tagged by Slack user ${ALICE}`));
    });
  });

  it('seals through the remediator a job that asks for SEAL (remediate --action SEAL sent to the function)', async () => {
    // Prepare
    const t = await received('Personal');

    // Act
    const sealed = await t.remediator({ kind: 'remediate', findingId: t.findingId, actor: 'cli:ops', action: 'SEAL' });

    // Assess
    expect(sealed).toMatchObject({ outcome: 'SEALED', action: 'SEAL' });
    expect(await t.record()).toMatchObject({ state: 'QUARANTINED', remediation: 'SEAL' });
    expect(await head(t.object.bucket, t.object.key)).toMatchObject({ SSEKMSKeyId: QUARANTINE_KEY });
  });

  it('seals an AUTO finding whose type remediationActions sets to SEAL: the finding handler records SEAL', async () => {
    // Prepare
    const t = await received('Financial', {
      MACIE_REMEDIATE_REMEDIATION_ACTIONS: JSON.stringify({ 'SensitiveData:S3Object/Financial': 'SEAL' }),
    });
    const recorded = await t.record();

    // Act
    const sealed = await t.runDispatched();

    // Assess
    expect(recorded).toMatchObject({ state: 'REMEDIATING', remediation: 'SEAL' });
    expect(sealed).toMatchObject({ outcome: 'SEALED', action: 'SEAL' });
    expect(await head(t.object.bucket, t.object.key)).toMatchObject({ SSEKMSKeyId: QUARANTINE_KEY });
    await expect(readAs(reader, t.object.bucket, t.object.key)).rejects.toMatchObject({ name: 'AccessDenied' });
    expect(await t.record()).toMatchObject({ state: 'QUARANTINED', remediation: 'SEAL' });
    expect(t.message()?.text).toContain('Sealed automatically');
  });

  describe('Exempt', () => {
    it('asks for a reason even when no action requires one, then tags the object exempt and dismisses', async () => {
      // Prepare
      const t = await received('Personal', { MACIE_REMEDIATE_REASON_REQUIRED: 'none' });
      const reviewTs = t.message()?.ts;

      // Act
      const clicked = await t.handle(v2Event(t.click('exempt')));
      const afterClick = { record: await t.record(), jobs: t.jobs.length };
      const submitted = await t.handle(v2Event(t.submit('known test fixture, owned by payroll (SEC-9)')));
      const exempted = await t.runDispatched();

      // Assess
      expect(clicked.statusCode).toBe(200);
      expect(afterClick).toMatchObject({ record: { state: 'AWAITING_REVIEW' }, jobs: 0 });
      expect(live.slack.views.opened()).toEqual([
        expect.objectContaining({
          user: ALICE,
          view: expect.objectContaining({ title: expect.objectContaining({ text: 'Exempt: why?' }) }),
        }),
      ]);
      expect(submitted.statusCode).toBe(200);
      expect(exempted).toMatchObject({ outcome: 'EXEMPTED' });
      expect(await tagsOf(t.object.bucket, t.object.key)).toContainEqual({
        Key: EXEMPT_TAG,
        Value: `finding ${t.findingId}`,
      });
      const record = await t.record();
      expect(record.state).toBe('DISMISSED');
      expect(record.history.map((e) => e.action)).toEqual(expect.arrayContaining(['exempt-requested', 'exempted']));
      expect(record.history.find((e) => e.action === 'exempted')).toMatchObject({
        action: 'exempted',
        outcome: 'EXEMPTED',
        actor: `slack:${ALICE}`,
        reason: 'known test fixture, owned by payroll (SEC-9)',
      });
      const updated = live.slack.messages(CHANNEL.id).find((m) => m.ts === reviewTs);
      expect(updated?.text).toContain('Exempted');
      expect(buttonsOf(updated)).toEqual([]);
      expect(hub.forMacieFinding(t.findingId)?.Workflow.Status).toBe('SUPPRESSED');
    });

    it('records a later finding of the exempted object, delivered twice, once as IGNORED', async () => {
      // Prepare
      const t = await received('Personal');
      await t.handle(v2Event(t.click('exempt')));
      await t.handle(v2Event(t.submit('known and allowed')));
      const exempted = await t.runDispatched();
      const rescan = live.findingEvent('Personal', t.object);
      const s3Object = (rescan.detail.resourcesAffected as { s3Object: Record<string, unknown> }).s3Object;
      // What Macie reports at its next scan: the object's tags, the exemption among them.
      s3Object.tags = [{ key: EXEMPT_TAG, value: `finding ${t.findingId}` }];
      const findingHandler = createFindingHandler({ deps: t.deps });
      const posted = live.slack.calls('chat.postMessage').length;

      // Act
      const first = await findingHandler(rescan);
      const redelivered = await findingHandler(rescan);

      // Assess
      expect(exempted.outcome).toBe('EXEMPTED');
      expect(first).toMatchObject({ outcome: 'IGNORED', reason: expect.stringContaining(EXEMPT_TAG) });
      expect(redelivered).toMatchObject({ outcome: 'IGNORED' });
      const record = await t.deps.ledger.get(String(rescan.detail.id));
      expect(record?.state).toBe('IGNORED');
      expect(record?.history).toEqual([expect.objectContaining({ action: 'exempted', outcome: 'IGNORED' })]);
      expect(t.jobs).toHaveLength(0);
      expect(live.slack.calls('chat.postMessage')).toHaveLength(posted);
    });

    it('refuses an Exempt click by someone who is not an approver before any modal, and changes nothing', async () => {
      // Prepare
      const t = await received('Personal');

      // Act
      const clicked = await t.handle(v2Event(t.click('exempt', BOB)));

      // Assess
      expect(clicked.statusCode).toBe(200);
      expect(live.slack.views.opened()).toHaveLength(0);
      expect(live.slack.ephemerals({ user: BOB }).map((e) => e.text)).toEqual([
        'You are not authorized to exempt this finding: you are not a configured approver.',
      ]);
      expect(await t.record()).toMatchObject({ state: 'AWAITING_REVIEW' });
      expect(t.jobs).toHaveLength(0);
      expect(await tagsOf(t.object.bucket, t.object.key)).toEqual([]);
    });
  });

  describe('a remediator killed mid-seal', () => {
    /** The seal's copy went through, then the process died before verifying it: the record stays REMEDIATING. */
    async function killedAfterTheCopy(t: Awaited<ReturnType<typeof received>>) {
      const job = t.jobs.shift();
      if (!job) throw new Error('no job dispatched');
      const kill = failOn(live.s3, { command: 'CopyObjectCommand', when: 'after', error: new Error('killed') });
      await expect(t.remediator(job)).rejects.toThrow('killed');
      kill.remove();
      return job;
    }

    it('is finished by Lambda’s retry of the same job, which records SEALED once', async () => {
      // Prepare
      const t = await received('Personal');
      await t.handle(v2Event(t.click('remediate_seal')));
      const job = await killedAfterTheCopy(t);
      const killed = await t.record();

      // Act
      const retried = await t.remediator(job);

      // Assess
      expect(killed).toMatchObject({ state: 'REMEDIATING', remediation: 'SEAL' });
      expect(retried).toMatchObject({ outcome: 'SEALED', action: 'SEAL' });
      const record = await t.record();
      expect(record).toMatchObject({ state: 'QUARANTINED', remediation: 'SEAL' });
      expect(record.history.filter((e) => e.action === 'sealed')).toHaveLength(1);
      expect(await head(t.object.bucket, t.object.key)).toMatchObject({ SSEKMSKeyId: QUARANTINE_KEY });
      expect(await readAs(live.s3, t.object.bucket, t.object.key)).toBe(BODY);
      expect(t.message()?.text).toContain('Sealed in place');
    });

    it('is finished as a seal by a later run once the lease expired, even when that run asks for TAG', async () => {
      // Prepare
      const t = await received('Personal');
      await t.handle(v2Event(t.click('remediate_seal')));
      await killedAfterTheCopy(t);
      live.clock.advance(16 * 60 * 1000);

      // Act
      const resumed = await t.remediator({
        kind: 'remediate',
        findingId: t.findingId,
        actor: 'cli:ops',
        action: 'TAG',
      });

      // Assess
      expect(resumed).toMatchObject({ outcome: 'SEALED', action: 'SEAL' });
      const record = await t.record();
      expect(record).toMatchObject({ state: 'QUARANTINED', remediation: 'SEAL' });
      expect(record.history.map((e) => e.action)).toEqual(expect.arrayContaining(['remediation-resumed', 'sealed']));
      expect(await head(t.object.bucket, t.object.key)).toMatchObject({ SSEKMSKeyId: QUARANTINE_KEY });
      expect((await tagsOf(t.object.bucket, t.object.key)).map((tag) => tag.Key)).not.toContain(CLASSIFICATION_TAG);
    });

    it('is finished by a redelivered AUTO finding once the lease expired', async () => {
      // Prepare
      const t = await received('Financial', {
        MACIE_REMEDIATE_REMEDIATION_ACTIONS: JSON.stringify({ 'SensitiveData:S3Object/Financial': 'SEAL' }),
      });
      await killedAfterTheCopy(t);
      live.clock.advance(16 * 60 * 1000);

      // Act
      const redelivered = await createFindingHandler({ deps: t.deps })(t.event);
      const resumed = await t.runDispatched();

      // Assess
      expect(redelivered.outcome).not.toBe('FAILED');
      expect(resumed).toMatchObject({ outcome: 'SEALED', action: 'SEAL' });
      expect(await t.record()).toMatchObject({ state: 'QUARANTINED', remediation: 'SEAL' });
      expect(await head(t.object.bucket, t.object.key)).toMatchObject({ SSEKMSKeyId: QUARANTINE_KEY });
    });
  });
});
