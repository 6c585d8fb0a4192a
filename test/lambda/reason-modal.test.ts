import { randomBytes } from 'node:crypto';
import { REVIEW_FLOOD } from '../../core/remediation/announce-review';
import { createFindingHandler } from '../../lambda/factories/finding-handler';
import { SLACK_DEFAULTS } from '../../local/slack/slack-defaults';
import { clickHandlerOf } from '../support/click-handler';
import { ALICE, BOB, CHANNEL, type LiveStack, startLiveStack } from '../support/live-stack';
import { formBody, signed, v2Event } from './support/proxy-events';

describe('Handler: remediation-handler, buttons whose action needs a reason (reasonRequired)', () => {
  let live: LiveStack;

  beforeAll(async () => {
    live = await startLiveStack();
  });
  afterAll(() => live.stop());
  beforeEach(() => {
    live.slack.reset();
    live.clock.advance(REVIEW_FLOOD.windowMs);
  });

  /** A finding under review, and the click handler as the stack composes it (default reasonRequired). */
  async function underReview(env: Readonly<Record<string, string>> = {}) {
    const composed = live.compose({ background: true, env });
    const object = await live.putObject(`hr/${randomBytes(4).toString('hex')}.csv`);
    const event = live.findingEvent('Personal', object);
    await createFindingHandler({ deps: composed.deps })(event);
    const handle = await clickHandlerOf(composed);
    const message = live.slack.messages(CHANNEL.id).at(-1);
    if (!message) throw new Error('no review message posted');
    const findingId = String(event.detail.id);
    const click = (actionId: string, userId = ALICE) => live.slack.buildClick({ ts: message.ts, actionId, userId });
    const record = () => composed.deps.ledger.get(findingId);
    return { ...composed, handle, click, record, findingId, message };
  }

  it('opens a modal with a required multiline input instead of dismissing, and changes nothing', async () => {
    // Prepare
    const t = await underReview();

    // Act
    const response = await t.handle(v2Event(t.click('dismiss')));

    // Assess
    expect(response).toMatchObject({ statusCode: 200, body: '' });
    expect((await t.record())?.state).toBe('AWAITING_REVIEW');
    const [opened] = live.slack.views.opened();
    expect(opened?.user).toBe(ALICE);
    expect(opened?.view.blocks).toEqual([
      expect.objectContaining({
        type: 'input',
        element: expect.objectContaining({ type: 'plain_text_input', multiline: true }),
      }),
    ]);
    expect(live.slack.calls('chat.update')).toHaveLength(0);
  });

  it('dismisses with the submitted reason, which the history and the Slack message keep', async () => {
    // Prepare
    const t = await underReview();
    await t.handle(v2Event(t.click('dismiss')));

    // Act
    const submitted = await t.handle(v2Event(live.slack.buildSubmission({ text: '  test data, ticket SEC-42  ' })));
    await t.inProcess?.idle();

    // Assess
    expect(submitted).toMatchObject({ statusCode: 200, body: '' });
    const record = await t.record();
    expect(record?.state).toBe('DISMISSED');
    expect(record?.history.at(-1)).toEqual(
      expect.objectContaining({
        action: 'dismiss-requested',
        actor: `slack:${ALICE}`,
        reason: 'test data, ticket SEC-42',
      }),
    );
    const updated = live.slack.messages(CHANNEL.id).find((m) => m.ts === t.message.ts);
    expect(JSON.stringify(updated?.blocks)).toContain(`*Dismissed* by <@${ALICE}>`);
    expect(JSON.stringify(updated?.blocks)).toContain(': test data, ticket SEC-42');
  });

  it('keeps the modal open with an error under the input for a blank reason, and changes nothing', async () => {
    // Prepare
    const t = await underReview();
    await t.handle(v2Event(t.click('dismiss')));

    // Act
    const submitted = await t.handle(v2Event(live.slack.buildSubmission({ text: '   ' })));

    // Assess
    expect(submitted.statusCode).toBe(200);
    expect(JSON.parse(submitted.body)).toEqual({
      response_action: 'errors',
      errors: { reason: expect.stringContaining('a reason is required to dismiss') },
    });
    expect((await t.record())?.state).toBe('AWAITING_REVIEW');
  });

  it('refuses a submission whose modal context was altered with 400, one line, nothing changed', async () => {
    // Prepare
    const t = await underReview();
    await t.handle(v2Event(t.click('dismiss')));
    const request = live.slack.buildSubmission({ text: 'fine' });
    const payload = request.payload as { view: Record<string, unknown> };
    const altered = { ...payload, view: { ...payload.view, private_metadata: '{"value":"../../etc"}' } };

    // Act
    const response = await t.handle(v2Event(signed(formBody(altered), SLACK_DEFAULTS.signingSecret, live.clock())));

    // Assess
    expect(response.statusCode).toBe(400);
    expect(response.body).toBe('Slack request invalid: modal context malformed');
    expect((await t.record())?.state).toBe('AWAITING_REVIEW');
  });

  it('acts on the click at once when reasonRequired is none', async () => {
    // Prepare
    const t = await underReview({ MACIE_REMEDIATE_REASON_REQUIRED: 'none' });

    // Act
    await t.handle(v2Event(t.click('dismiss')));

    // Assess
    expect((await t.record())?.state).toBe('DISMISSED');
    expect(live.slack.views.opened()).toHaveLength(0);
  });

  it('asks no reason of someone who is not an approver: refused at once, no modal, nothing changed', async () => {
    // Prepare
    const t = await underReview();

    // Act
    await t.handle(v2Event(t.click('dismiss', BOB)));

    // Assess
    expect(live.slack.views.opened()).toHaveLength(0);
    expect(live.slack.ephemerals({ user: BOB }).map((e) => e.text)).toEqual([
      'You are not authorized to dismiss this finding: you are not a configured approver.',
    ]);
    expect((await t.record())?.state).toBe('AWAITING_REVIEW');
  });
});
