import type { FetchFunction } from '@slack/web-api';
import { silentLogger } from '../../../core/logger';
import { createWebClient } from '../../../core/slack/create-web-client';
import { createGroupMemberLookup } from '../../../core/slack/group-members';

/** A fetch stub answering usergroups.users.list; HTTP itself is covered by the notifier's integration tests. */
function stubSlack(answers: Record<string, readonly string[] | 'fail'>) {
  const calls: string[] = [];
  const fetch: FetchFunction = async (_url, init) => {
    const group = new URLSearchParams(String(init?.body)).get('usergroup') ?? '';
    calls.push(group);
    const users = answers[group];
    const body =
      users === 'fail' || users === undefined ? { ok: false, error: 'no_such_subteam' } : { ok: true, users };
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
  return { fetch, calls };
}

describe('Function: createGroupMemberLookup', () => {
  const clock = (ms: { now: number }) => () => new Date(ms.now);

  it('asks usergroups.users.list once per group and serves repeats from memory until the TTL passes', async () => {
    // Prepare
    const time = { now: 0 };
    const slack = stubSlack({ S0SECOPS: ['U1', 'U2'] });
    const client = createWebClient({
      botToken: 'xoxb-test',
      logger: silentLogger,
      fetch: slack.fetch,
      retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
    });
    const lookup = createGroupMemberLookup({ client, clock: clock(time), ttlMs: 1000 });

    // Act
    const first = await lookup('S0SECOPS');
    const [second, third] = await Promise.all([lookup('S0SECOPS'), lookup('S0SECOPS')]);
    time.now = 1000;
    await lookup('S0SECOPS');

    // Assess
    expect(first).toEqual(['U1', 'U2']);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(slack.calls).toEqual(['S0SECOPS', 'S0SECOPS']);
  });

  it('forgets a failed lookup, so the next click asks again', async () => {
    // Prepare
    const answers: Record<string, readonly string[] | 'fail'> = { S0SECOPS: 'fail' };
    const slack = stubSlack(answers);
    const client = createWebClient({
      botToken: 'xoxb-test',
      logger: silentLogger,
      fetch: slack.fetch,
      retry: { retries: 0, minTimeoutMs: 1, maxTimeoutMs: 1 },
    });
    const lookup = createGroupMemberLookup({ client, clock: () => new Date(0) });

    // Act & Assess
    await expect(lookup('S0SECOPS')).rejects.toMatchObject({
      code: 'SLACK_FAILED',
      message: 'Slack usergroups.users.list failed: no_such_subteam',
    });
    answers.S0SECOPS = ['U1'];
    await expect(lookup('S0SECOPS')).resolves.toEqual(['U1']);
    expect(slack.calls).toHaveLength(2);
  });
});
