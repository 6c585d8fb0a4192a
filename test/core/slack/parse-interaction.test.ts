import { MAX_INTERACTION_BYTES, parseInteraction } from '../../../core/slack/parse-interaction';

/** A block_actions payload as Slack sends it for a button click on a message. */
const clickPayload = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'block_actions',
  user: { id: 'U0APPROVER', username: 'alice', name: 'alice', team_id: 'T0TEAM' },
  api_app_id: 'A0APP',
  token: 'deprecated-verification-token',
  container: { type: 'message', message_ts: '1764237600.000100', channel_id: 'C0REVIEW', is_ephemeral: false },
  trigger_id: '123.456.abc',
  team: { id: 'T0TEAM', domain: 'example' },
  channel: { id: 'C0REVIEW', name: 'security' },
  message: { ts: '1764237600.000100', text: 'Sensitive data found' },
  response_url: 'https://hooks.slack.com/actions/T0TEAM/123/secretpart',
  actions: [
    {
      type: 'button',
      block_id: 'b1',
      action_id: 'remediate',
      value: 'ba3c75616234b8a67797b8000371aaba',
      text: { type: 'plain_text', text: 'Remediate' },
      action_ts: '1764237700.000200',
    },
  ],
  ...overrides,
});

const form = (payload: unknown): string => `payload=${encodeURIComponent(JSON.stringify(payload))}`;

describe('Function: parseInteraction', () => {
  it('reads a button click into a SlackInteraction', () => {
    // Act
    const interaction = parseInteraction(form(clickPayload()));

    // Assess
    expect(interaction).toEqual({
      type: 'block_actions',
      actionId: 'remediate',
      value: 'ba3c75616234b8a67797b8000371aaba',
      userId: 'U0APPROVER',
      userName: 'alice',
      teamId: 'T0TEAM',
      channelId: 'C0REVIEW',
      messageTs: '1764237600.000100',
      responseUrl: 'https://hooks.slack.com/actions/T0TEAM/123/secretpart',
      triggerId: '123.456.abc',
    });
  });

  it('passes action_id through as Slack sent it, whatever it is, with a finding id as value', () => {
    // Prepare
    const payload = clickPayload({ actions: [{ type: 'button', action_id: 'constructor', value: 'f-1' }] });

    // Act
    const interaction = parseInteraction(form(payload));

    // Assess
    expect(interaction).toMatchObject({ actionId: 'constructor', value: 'f-1' });
  });

  it.each([
    ['empty', '', 'finding id is empty'],
    ['text', '<@U1> *x*', 'is not a finding id'],
    ['over 128 characters', 'f'.repeat(129), 'is 129 characters long (at most 128)'],
  ])('refuses a button value that is no finding id (%s) before anything reads it', (_name, value, reason) => {
    // Prepare
    const payload = clickPayload({ actions: [{ type: 'button', action_id: 'remediate', value }] });

    // Act
    const parse = () => parseInteraction(form(payload));

    // Assess
    expect(parse).toThrow(
      expect.objectContaining({ code: 'REQUEST_INVALID', message: expect.stringContaining(reason) }),
    );
  });

  it('takes the message ts from the message when the container has none, and leaves optional fields out', () => {
    // Prepare
    const { response_url: _r, trigger_id: _t, container: _c, ...rest } = clickPayload();

    // Act
    const interaction = parseInteraction(form({ ...rest, user: { id: 'U1' } }));

    // Assess
    expect(interaction.messageTs).toBe('1764237600.000100');
    expect(interaction.responseUrl).toBeUndefined();
    expect(interaction.triggerId).toBeUndefined();
    expect(interaction.userName).toBeUndefined();
  });

  it.each([
    ['a view submission without its user', form({ type: 'view_submission', view: {} }), /Slack request invalid: user:/],
    ['a payload without type', form({}), /unsupported interaction type undefined/],
    ['a non-object payload', form([1, 2]), /unsupported interaction type undefined/],
    ['a body without payload', 'foo=bar', /no payload field/],
    ['an empty body', '', /no payload field/],
    ['a payload that is not JSON', 'payload=%7Bnot-json', /payload is not JSON/],
    ['a click without user', form(clickPayload({ user: undefined })), /user/],
    ['a click without team', form(clickPayload({ team: null })), /team/],
    ['a click without channel', form(clickPayload({ channel: undefined })), /channel/],
    ['a click without actions', form(clickPayload({ actions: [] })), /actions/],
    [
      'more than one action',
      form(
        clickPayload({
          actions: [
            { action_id: 'a', value: '1' },
            { action_id: 'b', value: '2' },
          ],
        }),
      ),
      /actions/,
    ],
    ['an action without value', form(clickPayload({ actions: [{ action_id: 'remediate' }] })), /actions\.0\.value/],
    ['an action with a numeric value', form(clickPayload({ actions: [{ action_id: 'x', value: 5 }] })), /value/],
    [
      'a click without a message timestamp',
      form(clickPayload({ container: { type: 'message' }, message: undefined })),
      /no message timestamp/,
    ],
    ['a non-http response_url', form(clickPayload({ response_url: 'javascript:alert(1)' })), /response_url/],
  ])('rejects %s as REQUEST_INVALID', (_name, body, message) => {
    expect(() => parseInteraction(body)).toThrow(message);
    expect(() => parseInteraction(body)).toThrow(expect.objectContaining({ code: 'REQUEST_INVALID', source: 'user' }));
  });

  it('refuses a body over 64 KB before parsing it', () => {
    // Prepare
    const body = form(clickPayload({ padding: 'x'.repeat(MAX_INTERACTION_BYTES) }));

    // Act & Assess
    expect(() => parseInteraction(body)).toThrow(/payload too large/);
  });

  it('does not echo a long unknown type back', () => {
    // Prepare
    const body = form({ type: 'y'.repeat(500) });

    // Act & Assess
    expect(() => parseInteraction(body)).toThrow(/^Slack request invalid: unsupported interaction type y{40}$/);
  });
});
