import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { buildRemediationDeps } from '../../core/compose/build-remediation-deps';
import { loadSettings } from '../../core/config';
import { createFindingHandler } from '../../lambda/factories/finding-handler';
import { loadFixture, loadSampleEvent } from '../support/fixtures';
import { CHANNEL, type LiveStack, startLiveStack } from '../support/live-stack';
import { recordingLogger } from '../support/recording-logger';
import { buttonsOf, REVIEW_BUTTONS } from '../support/slack-messages';

const statusOf = async (promise: Promise<unknown>): Promise<number | undefined> =>
  promise.then(
    () => 200,
    (err: { $metadata?: { httpStatusCode?: number } }) => err.$metadata?.httpStatusCode,
  );

describe('Handler: finding-handler (EventBridge → core)', () => {
  let live: LiveStack;

  beforeAll(async () => {
    live = await startLiveStack();
  });
  afterAll(() => live.stop());
  beforeEach(() => live.slack.reset());

  it('quarantines an AUTO finding, then tells Slack with a Restore button', async () => {
    // Prepare
    const object = await live.putObject('finance/cards.csv');
    const event = live.findingEvent('Financial', object);
    const handle = createFindingHandler({ deps: live.compose().deps });

    // Act
    const result = await handle(event);

    // Assess
    const quarantineKey = `${event.detail.id}/${object.bucket}/${object.key}`;
    expect(result).toMatchObject({
      outcome: 'QUARANTINED',
      source: { bucket: object.bucket, key: object.key, versionId: object.versionId },
      quarantine: { bucket: live.quarantineBucket, key: quarantineKey },
    });
    const source = live.s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
    expect(await statusOf(source)).toBe(404);
    const copy = live.s3.send(new HeadObjectCommand({ Bucket: live.quarantineBucket, Key: quarantineKey }));
    expect(await statusOf(copy)).toBe(200);
    const messages = live.slack.messages(CHANNEL.id);
    expect(messages).toHaveLength(1);
    expect(buttonsOf(messages[0])).toEqual(['Restore']);
  });

  it('posts a REVIEW finding with Remediate and Dismiss, once, however often it is delivered', async () => {
    // Prepare
    const object = await live.putObject('hr/people.csv');
    const event = live.findingEvent('Personal', object);
    const handle = createFindingHandler({ deps: live.compose().deps });

    // Act
    const results = [await handle(event), await handle(event), await handle(structuredClone(event))];

    // Assess
    expect(results.map((r) => r.outcome)).toEqual(['NOTIFIED', 'NOTIFIED', 'NOTIFIED']);
    expect(live.slack.calls('chat.postMessage')).toHaveLength(1);
    const [message] = live.slack.messages(CHANNEL.id);
    expect(buttonsOf(message)).toEqual(REVIEW_BUTTONS);
    const remediate = message?.blocks
      .flatMap((b) => (Array.isArray(b.elements) ? b.elements : []))
      .find((e: { action_id?: string }) => e.action_id === 'remediate') as { confirm?: unknown } | undefined;
    expect(remediate?.confirm).toBeDefined();
  });

  it('links a later scan of the same object to the finding under review instead of posting again', async () => {
    // Prepare
    const object = await live.putObject('hr/rescanned.csv');
    const handle = createFindingHandler({ deps: live.compose().deps });
    const first = live.findingEvent('Personal', object);
    await handle(first);

    // Act
    const result = await handle(live.findingEvent('Personal', object));

    // Assess
    expect(result.outcome).toBe('NOTIFIED');
    expect(result.reason).toContain(`same object as finding ${first.detail.id}`);
    expect(live.slack.messages(CHANNEL.id)).toHaveLength(1);
  });

  it.each([
    ['a type set to IGNORE (custom identifier sample)', () => loadSampleEvent('CustomIdentifier')],
    ['a policy finding', () => loadFixture('events/macie/macie-event-policy')],
  ])('logs why it ignores %s and does nothing else', async (_name, event) => {
    // Prepare
    const { logger, lines } = recordingLogger();
    const handle = createFindingHandler({ deps: live.compose({ logger }).deps, logger });

    // Act
    const result = await handle(event());

    // Assess
    expect(result.outcome).toBe('IGNORED');
    expect(result.reason).toBeTruthy();
    expect(live.slack.calls()).toHaveLength(0);
    expect(lines.find((l) => l.message === 'finding ignored')?.fields.reason).toBe(result.reason);
  });

  it.each([
    ['another service’s event', { source: 'aws.s3', 'detail-type': 'Object Created', detail: {} }, 'EVENT_INVALID'],
    ['a finding without its object key', 'no-key', 'FINDING_INVALID'],
    ['not an object at all', 'just a string', 'EVENT_INVALID'],
  ])('drops %s with a logged reason instead of throwing (a retry cannot fix it)', async (_name, input, code) => {
    // Prepare
    const { logger, lines } = recordingLogger();
    const handle = createFindingHandler({ deps: live.compose().deps, logger });
    const broken = loadSampleEvent('Financial') as unknown as { detail: { resourcesAffected: { s3Object: object } } };
    delete (broken.detail.resourcesAffected.s3Object as { key?: string }).key;
    const event = input === 'no-key' ? broken : input;

    // Act
    const result = await handle(event);

    // Assess
    expect(result.outcome).toBe('FAILED');
    expect(result.reason).toMatch(/^event rejected: /);
    expect(lines).toContainEqual(expect.objectContaining({ level: 'error', message: 'event rejected' }));
    expect(lines.find((l) => l.message === 'event rejected')?.fields.code).toBe(code);
  });

  it('throws on a system failure, so Lambda retries the delivery', async () => {
    // Prepare
    const settings = loadSettings({ env: live.env({ MACIE_REMEDIATE_LEDGER_TABLE: 'no-such-table' }) });
    const { deps } = buildRemediationDeps({ settings, s3: live.s3, dynamo: live.dynamo });
    const handle = createFindingHandler({ deps });

    // Act
    const handled = handle(live.findingEvent('Personal', await live.putObject('x.csv')));

    // Assess
    await expect(handled).rejects.toThrow();
  });

  it('logs the outcome with the finding id and the EventBridge event id as correlation id', async () => {
    // Prepare
    const { logger, lines } = recordingLogger();
    const event = live.findingEvent('Personal', await live.putObject('hr/logged.csv'));
    const handle = createFindingHandler({ deps: live.compose().deps, logger });

    // Act
    await handle(event);

    // Assess
    expect(lines.find((l) => l.message === 'finding handled')?.fields).toEqual({
      correlationId: event.id,
      findingId: event.detail.id,
      outcome: 'NOTIFIED',
    });
  });

  it('quarantines an AUTO finding while Slack is down, records the message as owed, and sends it on the next delivery', async () => {
    // Prepare
    const object = await live.putObject('finance/while-slack-down.csv');
    const event = live.findingEvent('Financial', object);
    const { deps } = live.compose();
    const handle = createFindingHandler({ deps });
    live.slack.failNext('chat.postMessage', { status: 500 }, 2);

    // Act
    const result = await handle(event);
    const owed = await deps.ledger.get(String(event.detail.id));
    await handle(event);

    // Assess
    expect(result.outcome).toBe('QUARANTINED');
    expect(owed).toMatchObject({ state: 'QUARANTINED', notificationOwed: true });
    expect(live.slack.calls('chat.postMessage').map((c) => c.faulted)).toEqual([true, true, false]);
    expect(buttonsOf(live.slack.messages(CHANNEL.id)[0])).toEqual(['Restore']);
    expect((await deps.ledger.get(String(event.detail.id)))?.notificationOwed).toBe(false);
  });
});
