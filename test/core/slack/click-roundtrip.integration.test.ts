import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemediateError } from '../../../core/errors';
import { silentLogger } from '../../../core/logger';
import { authorizeSlackUser } from '../../../core/slack/authorize';
import { createWebClient } from '../../../core/slack/create-web-client';
import { createGroupMemberLookup } from '../../../core/slack/group-members';
import { buildProgressMessage, buildReviewMessage } from '../../../core/slack/messages/messages';
import { parseInteraction, type SlackInteraction } from '../../../core/slack/parse-interaction';
import { SlackNotifier } from '../../../core/slack/SlackNotifier';
import { verifySlackRequest } from '../../../core/slack/verify-request';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { reviewFinding } from './support/findings';

const NOW = new Date('2026-11-27T12:00:00.000Z');
const SIGNING_SECRET = 'roundtrip-signing-secret';
const BOT_TOKEN = 'xoxb-roundtrip';
const CHANNEL = { id: 'C0REVIEW01', name: 'security' };
const ALICE = { id: 'U0ALICE001', name: 'alice' };
const BOB = { id: 'U0BOB00001', name: 'bob' };

/**
 * A minimal interactivity endpoint: verify the raw body, then parse it, exactly as the remediation handler
 * does. Answers 401 / 400 with the error code, 200 with the parsed interaction.
 */
function interactivityEndpoint(received: SlackInteraction[]): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      try {
        verifySlackRequest({ signingSecret: SIGNING_SECRET, rawBody, headers: req.headers, nowMs: NOW.getTime() });
        received.push(parseInteraction(rawBody));
        res.writeHead(200).end();
      } catch (err) {
        const code = RemediateError.is(err) ? err.code : 'INTERNAL';
        res.writeHead(code === 'REQUEST_UNVERIFIED' ? 401 : 400).end(code);
      }
    });
  });
}

describe('A review message round trip through the Slack stand-in', () => {
  const slack = new SlackStandIn({
    botTokens: [BOT_TOKEN],
    signingSecret: SIGNING_SECRET,
    channels: [CHANNEL],
    users: [ALICE, BOB],
    usergroups: [{ id: 'S0SECOPS01', handle: 'secops', users: [ALICE.id] }],
    clock: () => NOW,
  });
  const received: SlackInteraction[] = [];
  const endpoint = interactivityEndpoint(received);
  const notifier = () =>
    new SlackNotifier({
      botToken: BOT_TOKEN,
      channel: `#${CHANNEL.name}`,
      slackApiUrl: slack.apiUrl,
      clock: () => NOW,
      retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
    });

  beforeAll(async () => {
    await slack.start();
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    slack.setInteractivityUrl(`http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/slack/actions`);
  });
  afterAll(async () => {
    await slack.stop();
    await new Promise((resolve) => endpoint.close(resolve));
  });
  beforeEach(() => {
    received.length = 0;
    slack.reset();
  });

  it('posts the review, verifies and parses the Remediate click, authorizes the approver and shows progress', async () => {
    // Prepare
    const finding = reviewFinding();
    const slackNotifier = notifier();
    const ref = await slackNotifier.post(buildReviewMessage({ finding, quarantineBucket: 'acme-quarantine' }));
    const lookup = createGroupMemberLookup({
      client: createWebClient({ botToken: BOT_TOKEN, slackApiUrl: slack.apiUrl, logger: silentLogger }),
    });

    // Act
    const click = await slack.clickButton({ ts: String(ref.ts), buttonText: 'Remediate', userId: ALICE.id });
    const [interaction] = received;
    const policy = {
      approvers: [],
      approverGroups: ['S0SECOPS01'],
      channel: `#${CHANNEL.name}`,
      postedChannelId: ref.channel,
    };
    const alice = interaction && (await authorizeSlackUser(interaction, policy, lookup));
    const bob = interaction && (await authorizeSlackUser({ ...interaction, userId: BOB.id }, policy, lookup));
    await slackNotifier.update(
      { ...ref, responseUrl: interaction?.responseUrl },
      buildProgressMessage({ finding, actor: `slack:${ALICE.id}`, at: NOW.toISOString(), action: 'remediate' }),
    );

    // Assess
    expect(click.status).toBe(200);
    expect(interaction).toMatchObject({
      actionId: 'remediate',
      value: finding.id,
      userId: ALICE.id,
      channelId: CHANNEL.id,
      messageTs: ref.ts,
      responseUrl: click.request.responseUrl,
    });
    expect(alice).toEqual({ authorized: true });
    expect(bob).toEqual({ authorized: false, reason: 'you are not a configured approver' });
    const [message] = slack.messages(CHANNEL.id);
    expect(message?.text).toMatch(/^Remediation in progress:/);
    expect(message?.blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('carries the Dismiss button back as action_id dismiss with the finding id', async () => {
    // Prepare
    const ref = await notifier().post(buildReviewMessage({ finding: reviewFinding(), quarantineBucket: 'q' }));

    // Act
    await slack.clickButton({ ts: String(ref.ts), buttonText: 'Dismiss' });

    // Assess
    expect(received).toEqual([expect.objectContaining({ actionId: 'dismiss', value: reviewFinding().id })]);
  });

  it.each([
    ['a forged signature', { signingSecret: 'not-the-secret' }],
    ['a replayed request', { timestamp: Math.floor(NOW.getTime() / 1000) - 301 }],
  ])('refuses %s before parsing it', async (_name, forged) => {
    // Prepare
    const ref = await notifier().post(buildReviewMessage({ finding: reviewFinding(), quarantineBucket: 'q' }));

    // Act
    const click = await slack.clickButton({ ts: String(ref.ts), buttonText: 'Remediate', ...forged });

    // Assess
    expect(click.status).toBe(401);
    expect(click.body).toBe('REQUEST_UNVERIFIED');
    expect(received).toEqual([]);
  });
});
