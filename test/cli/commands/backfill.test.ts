import { existsSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import type { LedgerRecord } from '../../../core/types/ledger';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';
import {
  FORWARD,
  MACIE_DOWN,
  operationOf,
  type ProxyAction,
  s3AndDynamoTally,
  startProxy,
} from '../support/http-proxy';

const json = (run: CliRun) => JSON.parse(run.stdout);

const CHECKPOINT = '.macie-remediate-backfill.json';

/** Resolves once `path` exists: woken by the file system (the checkpoint is renamed into place), not a timer. */
function fileWritten(path: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(dirname(path), (_event, name) => {
      if (name !== basename(path) || !existsSync(path)) return;
      watcher.close();
      resolve();
    });
    if (existsSync(path)) {
      watcher.close();
      resolve();
    }
  });
}

describe('Command: backfill', () => {
  let stack: CliStack;

  beforeEach(async () => {
    // dynalite: the ledger's conditional writes are exactly-once under concurrent findings. No test here is
    // about Slack's pace (test/core/remediation/review-flood is): posts 10 ms apart, not a second.
    stack = await startCliStack({ ledger: 'dynalite', slackIntervalMs: 10 });
  });

  afterEach(async () => {
    await stack.stop();
  });

  const ledgerRecords = async (): Promise<LedgerRecord[]> => {
    const records: LedgerRecord[] = [];
    for await (const record of stack.ledger.query()) records.push(record);
    return records.sort((a, b) => a.findingId.localeCompare(b.findingId));
  };

  const quarantineKeys = async (): Promise<string[]> =>
    ((await stack.s3.send(new ListObjectsV2Command({ Bucket: stack.quarantineBucket }))).Contents ?? []).map(
      (o) => o.Key as string,
    );

  const reviewPosts = () =>
    stack.slack.calls('chat.postMessage').filter((c) => JSON.stringify(c.args).includes('Remediate')).length;

  /**
   * Every review finding announced exactly once: posted on its own, or (past 20 in 5 minutes) counted in
   * its window's digest. Which of the two depends on where the wall clock's windows fall.
   */
  const expectAnnouncedOnce = async (reviews: number) => {
    const waiting = (await ledgerRecords()).filter((r) => r.state === 'AWAITING_REVIEW');
    const digested = waiting.filter((r) => r.history.some((e) => e.action === 'digested'));
    expect(waiting).toHaveLength(reviews);
    expect(reviewPosts()).toBe(waiting.filter((r) => r.slack).length);
    expect(reviewPosts() + digested.length).toBe(reviews);
  };

  /** Points this process's Macie client at a proxy in front of the stand-in, for one run. */
  async function throughProxy<T>(decide: (path: string) => ProxyAction, run: () => Promise<T>): Promise<T> {
    const proxy = await startProxy(stack.macie.url, (req) => decide(req.path));
    process.env.AWS_ENDPOINT_URL_MACIE2 = proxy.url;
    try {
      return await run();
    } finally {
      process.env.AWS_ENDPOINT_URL_MACIE2 = stack.macie.url;
      await proxy.stop();
    }
  }

  it('runs history through the policy, and a second run does nothing new', async () => {
    // Prepare: 60 findings over two pages of 50
    const auto = await stack.seed(30, 'SensitiveData:S3Object/Financial', { prefix: 'auto' });
    const review = await stack.seed(25, 'SensitiveData:S3Object/Personal', { prefix: 'review' });
    await stack.seed(5, 'SensitiveData:S3Object/CustomIdentifier', { prefix: 'ignored' });

    // Act
    const first = await stack.run(['backfill', '--json']);
    const afterFirst = {
      records: await ledgerRecords(),
      moved: await quarantineKeys(),
      calls: stack.slack.calls().length,
    };
    const second = await stack.run(['backfill']);

    // Assess: the first run quarantined AUTO, announced REVIEW, left IGNORE alone
    expect(first.code).toBe(0);
    expect(json(first).summary).toEqual({ QUARANTINED: 30, NOTIFIED: 25, IGNORED: 5 });
    expect(json(first).results).toHaveLength(60);
    expect(afterFirst.moved).toHaveLength(30);
    expect(
      afterFirst.records
        .filter((r) => r.state === 'QUARANTINED')
        .map((r) => r.findingId)
        .sort(),
    ).toEqual(auto.map((f) => f.id).sort());
    expect(
      afterFirst.records
        .filter((r) => r.state === 'AWAITING_REVIEW')
        .map((r) => r.findingId)
        .sort(),
    ).toEqual(review.map((f) => f.id).sort());
    await expectAnnouncedOnce(25);
    expect(first.stderr).toContain('New: 55; already in the ledger (nothing new): 0; ignored by the policy: 5.');

    // ...and the second changed nothing: no record, object or Slack call
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('New: 0; already in the ledger (nothing new): 55; ignored by the policy: 5.');
    expect(second.stdout).toMatch(/ALREADY_QUARANTINED\s+30/);
    expect(await ledgerRecords()).toEqual(afterFirst.records);
    expect(await quarantineKeys()).toEqual(afterFirst.moved);
    expect(stack.slack.calls().length).toBe(afterFirst.calls);
    expect(existsSync(join(stack.cwd, CHECKPOINT))).toBe(false);
  });

  // The bench's case (BENCHMARKS.md, "Backfill"): no Slack, no Security Hub. Counted at the wire, retries included.
  it('moves an AUTO finding with 3 S3 and 3 DynamoDB requests, and reads the restores of a page at once', async () => {
    // Prepare: three findings, one page
    await stack.seed(3, 'SensitiveData:S3Object/Financial');
    const requests: string[] = [];
    const proxies = {
      s3: await startProxy(stack.env.AWS_ENDPOINT_URL as string, (req) => {
        requests.push(operationOf(req));
        return FORWARD;
      }),
      dynamo: await startProxy(stack.env.AWS_ENDPOINT_URL_DYNAMODB as string, (req) => {
        requests.push(operationOf(req));
        return FORWARD;
      }),
    };

    const env = {
      AWS_ENDPOINT_URL: proxies.s3.url,
      AWS_ENDPOINT_URL_DYNAMODB: proxies.dynamo.url,
      MACIE_REMEDIATE_SLACK_CHANNEL: '',
      SLACK_BOT_TOKEN: '',
    };
    // The SDK reads its endpoints from process.env.
    Object.assign(process.env, env);

    // Act
    const run = await stack.run(['backfill', '--json'], { env }).finally(() => Object.assign(process.env, stack.env));
    await Promise.all([proxies.s3.stop(), proxies.dynamo.stop()]);

    // Assess
    expect(json(run).summary).toEqual({ QUARANTINED: 3 });
    expect(stack.slack.calls('chat.postMessage')).toHaveLength(0);
    // A finding's S3: the source pinned, the exclusive copy (its tags with it; its reply states the checksum and
    // ETag the copy is verified by), the delete; no look for an earlier run's copy, as its record is new. Its DynamoDB: the object
    // claim (a first one: the page's read of restores stands for its own), the record begun with its lease,
    // the outcome. The page's: one read of its objects' restores.
    expect(s3AndDynamoTally(requests)).toEqual({
      'DynamoDB BatchGetItem': 1,
      'DynamoDB PutItem': 3 * 2,
      'DynamoDB UpdateItem': 3 * 1,
      'S3 DELETE': 3 * 1,
      'S3 HEAD': 3 * 1,
      'S3 PUT (copy)': 3 * 1,
    });
  });

  it('stops at a Macie outage with a checkpoint, and --resume finishes the rest without repeating anything', async () => {
    // Prepare: 110 REVIEW findings (three pages); Macie fails from the third ListFindings on
    const seeded = await stack.seed(110, 'SensitiveData:S3Object/Personal', { prefix: 'outage' });
    let lists = 0;

    // Act
    const stopped = await throughProxy(
      (path) => (path === '/findings' && ++lists >= 3 ? MACIE_DOWN : FORWARD),
      () => stack.run(['backfill', '--concurrency', '4']),
    );
    const checkpoint = JSON.parse(readFileSync(join(stack.cwd, CHECKPOINT), 'utf8'));
    const recordsAfterStop = (await ledgerRecords()).length;
    stack.macie.clearRequests();
    const resumed = await stack.run(['backfill', '--resume', '--json']);
    const firstResumedToken = (
      stack.macie.requests().find((r) => r.operation === 'ListFindings')?.body as { nextToken?: unknown }
    )?.nextToken;

    // Assess: the first run finished two pages, kept their place, and said how to go on
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toContain('Backfill stopped: 100 finding(s), 2 page(s)');
    expect(stopped.stdout).toContain('Stopped by: Internal server error');
    expect(stopped.stdout).toContain('To finish: macie-remediate backfill --resume');
    expect(checkpoint).toMatchObject({ version: 1, pagesDone: 2, findingsDone: 100, nextToken: expect.any(String) });
    expect(recordsAfterStop).toBe(100);

    // ...and the resumed run started at the checkpoint's page and finished
    expect(resumed.code).toBe(0);
    expect(firstResumedToken).toBe(checkpoint.nextToken);
    expect(json(resumed).summary).toEqual({ NOTIFIED: 10 });
    expect(resumed.stderr).toContain('Resumed after 2 page(s), 100 finding(s) done earlier.');
    expect((await ledgerRecords()).map((r) => r.findingId)).toEqual(seeded.map((f) => f.id as string).sort());
    await expectAnnouncedOnce(110);
    expect(existsSync(join(stack.cwd, CHECKPOINT))).toBe(false);
  });

  it('on Ctrl-C finishes the findings in flight, keeps its place, and --resume finishes without announcing twice', async () => {
    // Prepare: the third page is held until the first page's checkpoint is on disk, and Ctrl-C comes then
    const seeded = await stack.seed(110, 'SensitiveData:S3Object/Personal', { prefix: 'ctrl-c' });
    const checkpointPath = join(stack.cwd, CHECKPOINT);
    let lists = 0;

    // Act
    const interrupted = await throughProxy(
      (path) =>
        path === '/findings' && ++lists === 3
          ? {
              kind: 'hold',
              until: fileWritten(checkpointPath).then(() => {
                process.emit('SIGINT');
              }),
            }
          : FORWARD,
      () => stack.run(['backfill', '--concurrency', '2', '--macie-rate', '1000', '--json']),
    );
    const document = json(interrupted);
    const checkpoint = JSON.parse(readFileSync(checkpointPath, 'utf8'));
    stack.macie.clearRequests();
    const resumed = await stack.run(['backfill', '--resume']);
    const firstResumedToken = (
      stack.macie.requests().find((r) => r.operation === 'ListFindings')?.body as { nextToken?: unknown }
    )?.nextToken;

    // Assess: stopped early, with what it did reported and the checkpointed pages in it
    expect(interrupted.code).toBe(1);
    expect(interrupted.stderr).toContain('interrupted: finishing the findings in flight');
    expect(interrupted.stderr).toContain('Backfill interrupted');
    expect(checkpoint).toMatchObject({ version: 1, findingsDone: expect.any(Number), nextToken: expect.any(String) });
    expect(checkpoint.findingsDone).toBeGreaterThanOrEqual(50);
    expect(document.results.length).toBeLessThan(110);
    expect(document.results.length).toBeGreaterThanOrEqual(checkpoint.findingsDone);

    // ...and the resumed run started at the checkpoint's page and finished, announcing nothing twice
    expect(resumed.code).toBe(0);
    expect(firstResumedToken).toBe(checkpoint.nextToken);
    expect(resumed.stdout).toContain(`Resumed after ${checkpoint.pagesDone} page(s)`);
    expect((await ledgerRecords()).map((r) => r.findingId)).toEqual(seeded.map((f) => f.id as string).sort());
    await expectAnnouncedOnce(110);
    expect(existsSync(checkpointPath)).toBe(false);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });

  it('refuses to start over a leftover checkpoint unless told to resume or restart, and says when Macie refuses its token', async () => {
    // Prepare
    await stack.seed(3, 'SensitiveData:S3Object/Personal');
    const leftover = {
      version: 1,
      criteria: { criterion: { archived: { eq: ['false'] } } },
      sort: { attributeName: 'createdAt', orderBy: 'ASC' },
      nextToken: 'stale-token',
      pagesDone: 4,
      findingsDone: 200,
      startedAt: '2026-11-27T10:00:00.000Z',
      updatedAt: '2026-11-27T10:05:00.000Z',
    };
    writeFileSync(join(stack.cwd, CHECKPOINT), JSON.stringify(leftover));

    // Act
    const plain = await stack.run(['backfill']);
    const resumeWithFilter = await stack.run(['backfill', '--resume', '--since', '30d']);
    const both = await stack.run(['backfill', '--resume', '--restart']);
    const refused = await stack.run(['backfill', '--resume']);
    const restart = await stack.run(['backfill', '--restart', '--json']);
    const noCheckpoint = await stack.run(['backfill', '--resume']);

    // Assess
    expect(plain.code).toBe(2);
    expect(plain.stderr).toBe(
      `error: an interrupted backfill left a checkpoint at ${join(stack.cwd, CHECKPOINT)} (200 findings in 4 pages done): --resume continues it, --restart starts over\n`,
    );
    expect(resumeWithFilter.code).toBe(2);
    expect(resumeWithFilter.stderr).toContain("--resume continues with the checkpoint's filters; leave out --since");
    expect(both.code).toBe(2);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('Stopped by: The nextToken is invalid.');
    expect(refused.stdout).toContain("--restart (Macie no longer accepts the checkpoint's page token");
    expect(restart.code).toBe(0);
    expect(json(restart).summary).toEqual({ NOTIFIED: 3 });
    expect(noCheckpoint.code).toBe(2);
    expect(noCheckpoint.stderr).toContain('--resume: there is no checkpoint at');
  });

  it('--dry-run says what it would do and changes nothing, not even a checkpoint', async () => {
    // Prepare
    await stack.seed(2, 'SensitiveData:S3Object/Financial', { prefix: 'dry-auto' });
    await stack.seed(1, 'SensitiveData:S3Object/Personal', { prefix: 'dry-review' });

    // Act
    const run = await stack.run(['backfill', '--dry-run', '--json']);

    // Assess
    expect(run.code).toBe(0);
    const reasons = json(run)
      .results.map((r: { reason: string }) => r.reason.split(':')[0])
      .sort();
    expect(reasons).toEqual(['would be quarantined', 'would be quarantined', 'would be sent for review']);
    expect(await ledgerRecords()).toEqual([]);
    expect(await quarantineKeys()).toEqual([]);
    expect(stack.slack.calls('chat.postMessage')).toHaveLength(0);
  });

  it('rides out Macie throttling with adaptive retries, and takes its filters to Macie', async () => {
    // Prepare
    await stack.seed(2, 'SensitiveData:S3Object/Personal', {
      prefix: 'throttled',
      start: Date.parse('2026-09-01T00:00:00Z'),
    });
    await stack.seed(2, 'SensitiveData:S3Object/Personal', {
      prefix: 'later',
      start: Date.parse('2026-10-01T00:00:00Z'),
    });
    stack.macie.throttleNext(1);

    // Act
    const run = await stack.run(['backfill', '--until', '2026-09-15', '--macie-rate', '20', '--json']);

    // Assess
    expect(run.code).toBe(0);
    expect(json(run).summary).toEqual({ NOTIFIED: 2 });
    expect(stack.macie.requests().filter((r) => r.status === 429)).toHaveLength(1);
  });

  it('refuses a bad rate naming the flag', async () => {
    const run = await stack.run(['backfill', '--macie-rate', '0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("option '--macie-rate <n>' argument '0' is invalid");
  });
});
