import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { DynamoDbLedger } from '../../../core/ledger/DynamoDbLedger';
import { silentLogger } from '../../../core/logger';
import { mapConcurrent } from '../../../core/quarantine/map-concurrent';
import { REVIEW_FLOOD } from '../../../core/remediation/announce-review';
import type { FindingDeps } from '../../../core/remediation/RemediationDeps';
import { receiveFinding } from '../../../core/remediation/receive-finding';
import { SLACK_CHANNEL_INTERVAL_MS } from '../../../core/slack/channel-pacer';
import { SlackAnnouncer } from '../../../core/slack/SlackAnnouncer';
import { SlackNotifier } from '../../../core/slack/SlackNotifier';
import { SlackStandIn } from '../../../local/slack/SlackStandIn';
import { SLACK_DEFAULTS } from '../../../local/slack/slack-defaults';
import { uniqueName } from '../../support/aws';
import { type Dynalite, startDynalite } from '../../support/dynalite';
import { buildFinding, FIXTURE_ACCOUNT } from '../../support/fixtures';
import { testClock } from '../../support/live-stack';

const CHANNEL = { id: 'C0FINDINGS1', name: 'macie-findings' };
const FINDINGS = 300;
/** Finding handlers at work at once (the SDK's default socket pool is 50). */
const HANDLERS = 40;
const BUCKETS = ['payroll-exports', 'hr-archive', 'customer-dumps'];
const TYPES = ['Personal', 'Multiple'] as const;

/**
 * A large scan: 300 REVIEW findings arrive at once, as concurrent finding handlers would take them, through
 * receiveFinding with the ledger on dynalite (atomic counters under concurrency) and Slack on the stand-in.
 * Time is the injected clock: the notifier's pacer waits by advancing it, so the stand-in's message times
 * show the posting rate without any wall-clock timing.
 */
describe('A flood of review findings', () => {
  let dynalite: Dynalite;
  const clock = testClock(new Date('2026-11-27T12:00:00.000Z'));
  const slack = new SlackStandIn({ clock, channels: [CHANNEL] });
  /** Waiting is the clock moving on. */
  const sleep = async (ms: number) => {
    clock.advance(ms);
  };

  beforeAll(async () => {
    dynalite = await startDynalite();
    await slack.start();
  });
  afterAll(async () => {
    await slack.stop();
    await dynalite.stop();
  });

  it('posts at most the threshold plus one digest, updated in place, one post a second at most', async () => {
    // Prepare
    const tableName = uniqueName('ledger');
    const dynamo = dynalite.client();
    await createLedgerTable(dynamo, tableName, { pollMs: 10 });
    const ledger = new DynamoDbLedger({ dynamo, tableName, clock });
    const notifier = new SlackNotifier({
      botToken: SLACK_DEFAULTS.botToken,
      channel: CHANNEL.id,
      slackApiUrl: slack.apiUrl,
      clock,
      pace: { intervalMs: SLACK_CHANNEL_INTERVAL_MS, now: () => clock().getTime(), sleep },
    });
    const deps: FindingDeps = {
      ledger,
      announcer: new SlackAnnouncer({ notifier, quarantineBucket: 'quarantine', destination: CHANNEL.id, clock }),
      clock,
      sleep,
      logger: silentLogger,
      policy: {
        autoRemediateConfig: { Personal: 'REVIEW', Multiple: 'REVIEW' },
        minSeverity: 'LOW',
        sourceBuckets: [],
      },
      ownAccount: async () => FIXTURE_ACCOUNT,
      dispatcher: {
        dispatch: async () => {
          throw new Error('a REVIEW finding is never dispatched');
        },
      },
    };
    const findings = Array.from({ length: FINDINGS }, (_, i) =>
      buildFinding({
        type: TYPES[i % TYPES.length],
        bucket: BUCKETS[i % BUCKETS.length],
        key: `scan/${i}.csv`,
        versionId: `v${i}`,
        eTag: `e${i}`,
        createdAt: clock().toISOString(),
      }),
    );

    // Act
    const results = await mapConcurrent(findings, HANDLERS, (finding) => receiveFinding(deps, finding));
    dynamo.destroy();

    // Assess
    expect(results.every((r) => r.outcome === 'NOTIFIED')).toBe(true);
    const messages = slack.messages(CHANNEL.id);
    expect(messages).toHaveLength(REVIEW_FLOOD.perWindow + 1);
    const digests = messages.filter((m) => m.text.includes('more findings awaiting review'));
    expect(digests).toHaveLength(1);
    expect(digests[0]?.text).toContain(`${FINDINGS - REVIEW_FLOOD.perWindow} more findings awaiting review`);
    // Posts in time order: never two within Slack's second per channel.
    const posted = messages.map((m) => Number(m.ts)).sort((a, b) => a - b);
    const gaps = posted.slice(1).map((t, i) => t - (posted[i] ?? 0));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(SLACK_CHANNEL_INTERVAL_MS / 1000);
    // The digest's updates: coalesced by its turn, far fewer than the reviews it counts.
    expect(slack.calls('chat.update').length).toBeLessThan((FINDINGS - REVIEW_FLOOD.perWindow) / 4);
    // All 300 wait in the ledger, actionable from the terminal; none is owed a message.
    const waiting = [];
    for await (const record of ledger.query({ states: ['AWAITING_REVIEW'] })) waiting.push(record);
    expect(waiting).toHaveLength(FINDINGS);
    expect(waiting.filter((r) => r.history.some((e) => e.action === 'digested'))).toHaveLength(
      FINDINGS - REVIEW_FLOOD.perWindow,
    );
    expect(waiting.filter((r) => r.notificationOwed)).toEqual([]);
  });
});
