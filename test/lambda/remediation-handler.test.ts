import { randomBytes } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { SLACK_CLICK_BUDGET } from '../../core/compose/remediation-handler-options';
import { REVIEW_FLOOD } from '../../core/remediation/announce-review';
import { runJob } from '../../core/remediation/run-job';
import type { RemediationJob } from '../../core/types/ports';
import { createFindingHandler } from '../../lambda/factories/finding-handler';
import { SLACK_DEFAULTS } from '../../local/slack/slack-defaults';
import { clickHandlerOf } from '../support/click-handler';
import { ALICE, BOB, CHANNEL, type LiveStack, startLiveStack } from '../support/live-stack';
import { recordingLogger } from '../support/recording-logger';
import { buttonsOf, REVIEW_BUTTONS } from '../support/slack-messages';
import { formBody, signed, v1Event, v2Event } from './support/proxy-events';

const SECRET = SLACK_DEFAULTS.signingSecret;
const THIRTY_ONE_MINUTES = 31 * 60 * 1000;

describe('Handler: remediation-handler (API Gateway → Slack interactivity)', () => {
  let live: LiveStack;

  beforeAll(async () => {
    live = await startLiveStack();
  });
  afterAll(() => live.stop());
  beforeEach(() => {
    live.slack.reset();
    // Each test's review falls in a window of its own: past the flood threshold, reviews become a digest.
    live.clock.advance(REVIEW_FLOOD.windowMs);
  });

  /** A Personal finding posted for review, and the handler of the deployed API in front of it. */
  async function underReview(options: Parameters<LiveStack['compose']>[0] = {}) {
    const { logger, lines } = recordingLogger();
    const composed = live.compose({ background: true, logger, ...options });
    const object = await live.putObject(`hr/${randomBytes(4).toString('hex')}.csv`);
    const event = live.findingEvent('Personal', object);
    await createFindingHandler({ deps: composed.deps })(event);
    const handle = await clickHandlerOf(composed, logger);
    const message = live.slack.messages(CHANNEL.id).at(-1);
    if (!message) throw new Error('no review message posted');
    const click = (options: Omit<Parameters<LiveStack['slack']['buildClick']>[0], 'ts'> = {}) =>
      live.slack.buildClick({ ts: message.ts, actionId: 'remediate', userId: ALICE, ...options });
    const state = async () => (await composed.deps.ledger.get(String(event.detail.id)))?.state;
    return { ...composed, handle, click, state, message, object, findingId: String(event.detail.id), lines };
  }

  describe('request signatures', () => {
    it('accepts a valid click and answers 200 with an empty body', async () => {
      // Prepare
      const t = await underReview();

      // Act
      const response = await t.handle(v2Event(t.click()));
      await t.inProcess?.idle();

      // Assess
      expect(response).toMatchObject({ statusCode: 200, body: '' });
      expect(await t.state()).toBe('QUARANTINED');
    });

    it.each<[string, { base64?: boolean; v1?: boolean }]>([
      ['a base64-encoded body (HTTP API)', { base64: true }],
      ['headers in their original case (REST API)', { v1: true }],
      ['a base64 body in a REST API event', { base64: true, v1: true }],
    ])('accepts %s', async (_name, variant) => {
      // Prepare
      const t = await underReview();
      const request = t.click();

      // Act
      const options = { base64: variant.base64 ?? false };
      const event = variant.v1 ? v1Event(request, options) : v2Event(request, options);
      const response = await t.handle(event);
      await t.inProcess?.idle();

      // Assess
      expect(response.statusCode).toBe(200);
      expect(await t.state()).toBe('QUARANTINED');
    });

    type Request = { headers: Record<string, string>; body: string };
    type Case = [string, () => { signingSecret?: string; timestamp?: number }, ((r: Request) => Request) | undefined];
    const now = () => Math.floor(live.clock().getTime() / 1000);
    it.each<Case>([
      ['a tampered body', () => ({}), (r) => ({ ...r, body: r.body.replace(ALICE, BOB) })],
      ['a signature made with another secret', () => ({ signingSecret: 'not-the-secret' }), undefined],
      ['a replayed request (timestamp 5 minutes and 1 second old)', () => ({ timestamp: now() - 301 }), undefined],
      ['a timestamp from the future', () => ({ timestamp: now() + 301 }), undefined],
      ['no signature header', () => ({}), (r) => ({ ...r, headers: without(r.headers, 'x-slack-signature') })],
      ['no timestamp header', () => ({}), (r) => ({ ...r, headers: without(r.headers, 'x-slack-request-timestamp') })],
    ])('refuses %s with 401, no detail, nothing changed, and logs why', async (_name, clickOptions, alter) => {
      // Prepare
      const t = await underReview();
      const clicked = t.click(clickOptions());
      const original: Request = { headers: { ...clicked.headers }, body: clicked.body };
      const request = alter ? alter(original) : original;

      // Act
      const response = await t.handle(v2Event(request));

      // Assess
      expect(response).toMatchObject({ statusCode: 401, body: '' });
      expect(await t.state()).toBe('AWAITING_REVIEW');
      expect(live.slack.calls('chat.update')).toHaveLength(0);
      expect(t.lines).toContainEqual(expect.objectContaining({ level: 'warn', message: 'request refused' }));
    });
  });

  describe('malformed requests', () => {
    type MalformedCase = [string, (p: Record<string, unknown>) => string, number, string];
    const payloadOf = (t: Awaited<ReturnType<typeof underReview>>) =>
      t.click().payload as unknown as Record<string, unknown>;
    it.each<MalformedCase>([
      ['no payload field', () => 'hello=world', 400, 'Slack request invalid: no payload field'],
      ['a payload that is not JSON', () => formBody('{not json'), 400, 'Slack request invalid: payload is not JSON'],
      ['an empty body', () => '', 400, 'Slack request invalid: no payload field'],
      [
        'a payload without its user',
        (p: Record<string, unknown>) => formBody({ ...p, user: undefined }),
        400,
        'Slack request invalid: user: ',
      ],
      [
        'a view submission without its view',
        (p: Record<string, unknown>) => formBody({ ...p, type: 'view_submission' }),
        400,
        'Slack request invalid: view: ',
      ],
      [
        'an action_id none of our buttons has',
        (p: Record<string, unknown>) => formBody({ ...p, actions: [{ action_id: 'delete_all', value: 'x' }] }),
        400,
        'unknown action',
      ],
      [
        'a finding id nobody knows',
        (p: Record<string, unknown>) =>
          formBody({ ...p, actions: [{ action_id: 'remediate', value: 'f'.repeat(32) }] }),
        404,
        'unknown finding',
      ],
      ...['constructor', '__proto__', 'toString'].map(
        (actionId): MalformedCase => [
          `an action_id named like an Object member (${actionId})`,
          (p: Record<string, unknown>) => formBody({ ...p, actions: [{ action_id: actionId, value: 'f'.repeat(32) }] }),
          400,
          'unknown action',
        ],
      ),
      [
        'an empty finding id',
        (p: Record<string, unknown>) => formBody({ ...p, actions: [{ action_id: 'remediate', value: '' }] }),
        400,
        'Slack request invalid: finding id is empty',
      ],
      [
        'a finding id that is no id (a path)',
        (p: Record<string, unknown>) => formBody({ ...p, actions: [{ action_id: 'remediate', value: '../x' }] }),
        400,
        'Slack request invalid: finding id "../x" is not a finding id',
      ],
      ['a body over 64 KB', () => `payload=${'x'.repeat(70_000)}`, 413, 'payload too large'],
    ])('answers %s with a 4xx and a short reason, never a 500', async (_name, body, status, reason) => {
      // Prepare
      const t = await underReview();
      const request = signed(body(payloadOf(t)), SECRET, live.clock());

      // Act
      const response = await t.handle(v2Event(request));

      // Assess
      expect(response.statusCode).toBe(status);
      expect(response.body.startsWith(reason)).toBe(true);
      expect(response.body.length).toBeLessThan(200);
      expect(await t.state()).toBe('AWAITING_REVIEW');
    });

    it('tells the user about an unknown finding in an ephemeral message', async () => {
      // Prepare
      const t = await underReview();
      const payload = { ...payloadOf(t), actions: [{ action_id: 'remediate', value: 'gone' }] };

      // Act
      await t.handle(v2Event(signed(formBody(payload), SECRET, live.clock())));

      // Assess
      expect(live.slack.ephemerals({ user: ALICE }).map((e) => e.text)).toEqual([
        'Finding gone is not known to macie-remediate.',
      ]);
    });
  });

  describe('authorization and the flow', () => {
    it('shows "in progress by @user" without buttons before answering, then the outcome with Restore', async () => {
      // Prepare
      const t = await underReview();

      // Act
      const response = await t.handle(v2Event(t.click()));
      const atAnswer = live.slack.messages(CHANNEL.id).at(-1);
      await t.inProcess?.idle();
      const atEnd = live.slack.messages(CHANNEL.id).at(-1);

      // Assess
      expect(response.statusCode).toBe(200);
      expect(atAnswer?.text).toContain('in progress');
      expect(JSON.stringify(atAnswer?.blocks)).toContain(`<@${ALICE}>`);
      expect(buttonsOf(atAnswer)).toEqual([]);
      expect(buttonsOf(atEnd)).toEqual(['Restore']);
      expect(JSON.stringify(atEnd?.blocks)).toContain(`<@${ALICE}>`);
      expect(JSON.stringify(atEnd?.blocks)).toContain(live.quarantineBucket);
      expect(live.slack.messages(CHANNEL.id)).toHaveLength(1);
    });

    it('refuses someone who is not an approver with an ephemeral message, and changes nothing', async () => {
      // Prepare
      const t = await underReview();

      // Act
      const response = await t.handle(v2Event(t.click({ userId: BOB })));

      // Assess
      expect(response.statusCode).toBe(200);
      expect(live.slack.ephemerals({ user: BOB }).map((e) => e.text)).toEqual([
        'You are not authorized to remediate this finding: you are not a configured approver.',
      ]);
      expect(await t.state()).toBe('AWAITING_REVIEW');
      expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(REVIEW_BUTTONS);
      expect(t.lines).toContainEqual(
        expect.objectContaining({
          message: 'click refused: not authorized',
          fields: expect.objectContaining({ slackUser: BOB }),
        }),
      );
    });

    it('refuses a click from another workspace (the bot token’s own is the default)', async () => {
      // Prepare
      const t = await underReview();

      // Act
      await t.handle(v2Event(t.click({ teamId: 'T0ELSEWHR1' })));

      // Assess
      expect(await t.state()).toBe('AWAITING_REVIEW');
    });

    it('accepts a member of an approver user group', async () => {
      // Prepare
      const t = await underReview({ env: { MACIE_REMEDIATE_SLACK_APPROVERS: 'S0SECOPS01' } });

      // Act
      await t.handle(v2Event(t.click()));
      await t.inProcess?.idle();

      // Assess
      expect(await t.state()).toBe('QUARANTINED');
    });

    it('dismisses, and restores what was quarantined', async () => {
      // Prepare
      // Without reasons: these buttons then act on the click (test/lambda/reason-modal.test.ts has the modal).
      const noReasons = { env: { MACIE_REMEDIATE_REASON_REQUIRED: 'none' } };
      const dismissed = await underReview(noReasons);
      const restored = await underReview(noReasons);
      await restored.handle(v2Event(restored.click()));
      await restored.inProcess?.idle();

      // Act
      await dismissed.handle(v2Event(dismissed.click({ actionId: 'dismiss' })));
      await restored.handle(v2Event(restored.click({ actionId: 'restore' })));
      await restored.inProcess?.idle();

      // Assess
      expect(await dismissed.state()).toBe('DISMISSED');
      expect(await restored.state()).toBe('RESTORED');
      const back = await live.s3.send(
        new HeadObjectCommand({ Bucket: restored.object.bucket, Key: restored.object.key }),
      );
      expect(back.ETag).toBe(`"${restored.object.eTag}"`);
    });

    it('with restoreApprovals 2, restores only on a second, different approver’s click', async () => {
      // Prepare
      const t = await underReview({
        env: {
          MACIE_REMEDIATE_RESTORE_APPROVALS: '2',
          MACIE_REMEDIATE_SLACK_APPROVERS: `${ALICE},${BOB}`,
          // The buttons act on the click, without the reason modal.
          MACIE_REMEDIATE_REASON_REQUIRED: 'none',
        },
      });
      await t.handle(v2Event(t.click()));
      await t.inProcess?.idle();
      const shown = () => live.slack.messages(CHANNEL.id).find((m) => m.ts === t.message.ts);

      // Act
      const first = await t.handle(v2Event(t.click({ actionId: 'restore' })));
      await t.inProcess?.idle();
      const afterFirst = { state: await t.state(), message: shown() };
      const again = await t.handle(v2Event(t.click({ actionId: 'restore' })));
      await t.inProcess?.idle();
      const afterAgain = await t.state();
      const second = await t.handle(v2Event(t.click({ actionId: 'restore', userId: BOB })));
      await t.inProcess?.idle();

      // Assess
      expect([first.statusCode, again.statusCode, second.statusCode]).toEqual([200, 200, 200]);
      expect(afterFirst.state).toBe('QUARANTINED');
      expect(JSON.stringify(afterFirst.message?.blocks)).toContain(`*Restore requested* by <@${ALICE}>`);
      expect(JSON.stringify(afterFirst.message?.blocks)).toContain(
        '1 of 2 approvals; another approver must click *Restore*.',
      );
      expect(buttonsOf(afterFirst.message)).toEqual(['Restore']);
      expect(afterAgain).toBe('QUARANTINED');
      expect(live.slack.ephemerals({ user: ALICE }).map((e) => e.text)).toEqual([
        'Nothing done: already approved by you; a second approver is needed.',
      ]);
      expect(await t.state()).toBe('RESTORED');
      const back = await live.s3.send(new HeadObjectCommand({ Bucket: t.object.bucket, Key: t.object.key }));
      expect(back.ETag).toBe(`"${t.object.eTag}"`);
      const history = (await t.deps.ledger.get(t.findingId))?.history ?? [];
      expect(history.filter((e) => e.action === 'restore-approved')).toEqual([
        expect.objectContaining({ actor: `slack:${ALICE}`, detail: `approval 1 of 2 by @${ALICE}` }),
      ]);
    });

    it('refuses a Restore of a copy on legal hold, naming since when and by whom: nothing moves', async () => {
      // Prepare
      const t = await underReview({ env: { MACIE_REMEDIATE_REASON_REQUIRED: 'none' } });
      await t.handle(v2Event(t.click()));
      await t.inProcess?.idle();
      // Clicked on the message as it was before the hold took its Restore button away (a stale view).
      const restoreClick = t.click({ actionId: 'restore' });
      const held = await runJob(t.deps, { kind: 'hold', findingId: t.findingId, actor: 'cli:carol' });
      const before = await t.deps.ledger.get(t.findingId);

      // Act
      const response = await t.handle(v2Event(restoreClick));
      await t.inProcess?.idle();

      // Assess
      expect(held.outcome).toBe('HELD');
      expect(response.statusCode).toBe(200);
      expect(live.slack.ephemerals({ user: ALICE }).map((e) => e.text)).toEqual([
        `Nothing done: on legal hold since ${before?.legalHold?.at} by cli:carol; release it first.`,
      ]);
      const after = await t.deps.ledger.get(t.findingId);
      expect(after?.state).toBe('QUARANTINED');
      expect(after?.history).toHaveLength(before?.history.length ?? 0);
      await expect(
        live.s3.send(new HeadObjectCommand({ Bucket: t.object.bucket, Key: t.object.key })),
      ).rejects.toMatchObject({ name: 'NotFound' });
    });

    it('logs each attempt with the Slack user and the trigger id as correlation id, and never a secret', async () => {
      // Prepare
      const t = await underReview();
      const request = t.click();

      // Act
      await t.handle(v2Event(request));
      await t.inProcess?.idle();

      // Assess
      const accepted = t.lines.find((l) => l.message === 'click accepted');
      expect(accepted?.fields).toMatchObject({
        slackUser: ALICE,
        findingId: t.findingId,
        correlationId: request.payload.trigger_id,
      });
      const logged = JSON.stringify(t.lines);
      expect(logged).not.toContain(SECRET);
      expect(logged).not.toContain(SLACK_DEFAULTS.botToken);
      expect(logged).not.toContain(request.body);
    });
  });

  describe('Slack message updates', () => {
    it('updates the message through chat.update when the click’s response_url has expired by the time the move ends', async () => {
      // Prepare: jobs wait, as a long move would, until the response_url is 31 minutes old.
      const jobs: RemediationJob[] = [];
      const t = await underReview({ dispatcher: { dispatch: async (job) => void jobs.push(job) } });
      await t.handle(v2Event(t.click()));
      live.clock.advance(THIRTY_ONE_MINUTES);
      live.slack.expireResponseUrls();

      // Act
      const [job] = jobs;
      if (!job) throw new Error('no job dispatched');
      const result = await runJob(t.deps, job);

      // Assess
      expect(result.outcome).toBe('QUARANTINED');
      expect(live.slack.calls('response_url')).toHaveLength(1);
      expect(live.slack.calls('chat.update')).toHaveLength(1);
      expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(['Restore']);
    });

    it('answers a click while Slack is down after a bounded number of attempts, and the move still completes', async () => {
      // Prepare: the production notifier with the click budget, not the tests' quick one.
      const t = await underReview({ notifier: undefined, slack: SLACK_CLICK_BUDGET });
      const before = live.slack.calls().length;
      live.slack.failNext('*', { status: 503 }, 100);

      // Act
      const response = await t.handle(v2Event(t.click()));
      const attempts = live.slack.calls().length - before;
      await t.inProcess?.idle();

      // Assess
      expect(response.statusCode).toBe(200);
      expect(attempts).toBeLessThanOrEqual(4);
      expect(await t.state()).toBe('QUARANTINED');
      expect((await t.deps.ledger.get(t.findingId))?.notificationOwed).toBe(true);
    });

    it('takes an approval hours after the review was posted', async () => {
      // Prepare
      const t = await underReview();
      live.clock.advance(3 * 60 * 60 * 1000);

      // Act
      const response = await t.handle(v2Event(t.click()));
      await t.inProcess?.idle();

      // Assess
      expect(response.statusCode).toBe(200);
      expect(await t.state()).toBe('QUARANTINED');
      expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(['Restore']);
    });

    it('works with an incoming webhook and response_url updates, as the original solution did', async () => {
      // Prepare
      const webhook = live.slack.createWebhook(CHANNEL.id);
      const t = await underReview({ env: { SLACK_BOT_TOKEN: '', SLACK_WEBHOOK_URL: webhook } });

      // Act
      const response = await t.handle(v2Event(t.click()));
      await t.inProcess?.idle();

      // Assess
      expect(response.statusCode).toBe(200);
      expect(await t.state()).toBe('QUARANTINED');
      expect(live.slack.calls('webhook')).toHaveLength(1);
      expect(live.slack.calls('response_url')).toHaveLength(2);
      expect(live.slack.calls('chat.update')).toHaveLength(0);
      expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(['Restore']);
    });
  });
});

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key.toLowerCase() !== name));
}
