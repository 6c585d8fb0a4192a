import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';
import { FORWARD, MACIE_DOWN, operationOf, s3AndDynamoTally, startProxy } from '../support/http-proxy';

const exists = async (stack: CliStack, bucket: string, key: string): Promise<boolean> =>
  stack.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key })).then(
    () => true,
    () => false,
  );

const json = (run: CliRun) => JSON.parse(run.stdout);

describe('Command: remediate', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  describe('by finding id', () => {
    it('moves a finding new to the ledger with 3 S3 and 5 DynamoDB requests', async () => {
      // Prepare
      const object = await stack.putObject('payroll/april 2026.csv');
      const id = stack.addFinding(object, 'SensitiveData:S3Object/Personal').id as string;
      // S3 and the ledger are both on moto here: one proxy sees them all.
      const requests: string[] = [];
      const proxy = await startProxy(stack.env.AWS_ENDPOINT_URL as string, (req) => {
        requests.push(operationOf(req));
        return FORWARD;
      });
      const env = { AWS_ENDPOINT_URL: proxy.url, MACIE_REMEDIATE_SLACK_CHANNEL: '', SLACK_BOT_TOKEN: '' };
      // The SDK reads its endpoints from process.env.
      Object.assign(process.env, env);

      // Act
      const run = await stack
        .run(['remediate', id, '--yes', '--json'], { env })
        .finally(() => Object.assign(process.env, stack.env));
      await proxy.stop();

      // Assess
      expect(json(run).summary).toEqual({ QUARANTINED: 1 });
      // S3: the move's (see backfill.test.ts); a --yes plan does not look at the object first. DynamoDB: the selection's read of
      // the finding (one BatchGetItem a page of findings; none there, so the admission reads none), the object claim
      // and the record admitted, the job's lease taken on that record (not read again) and the outcome.
      expect(s3AndDynamoTally(requests)).toEqual({
        'DynamoDB BatchGetItem': 1,
        'DynamoDB PutItem': 2,
        'DynamoDB UpdateItem': 2,
        'S3 DELETE': 1,
        'S3 HEAD': 1,
        'S3 PUT (copy)': 1,
      });
    });

    it('quarantines a finding the pipeline never saw, records it in the ledger and posts its outcome to Slack', async () => {
      // Prepare
      const object = await stack.putObject('payroll/march 2026.csv');
      const finding = stack.addFinding(object, 'SensitiveData:S3Object/Personal');
      const id = finding.id as string;
      const posted = stack.slack.messages().length;

      // Act
      const run = await stack.run(['remediate', id, '--yes', '--json']);

      // Assess: the --json contract, exactly
      expect(run.code).toBe(0);
      expect(json(run)).toEqual({
        results: [
          {
            findingId: id,
            outcome: 'QUARANTINED',
            source: { bucket: stack.sourceBucket, key: object.key },
            quarantine: { bucket: stack.quarantineBucket, key: `${id}/${stack.sourceBucket}/${object.key}` },
            action: 'QUARANTINE',
          },
        ],
        summary: { QUARANTINED: 1 },
      });
      expect(await exists(stack, stack.sourceBucket, object.key)).toBe(false);
      expect(await exists(stack, stack.quarantineBucket, `${id}/${stack.sourceBucket}/${object.key}`)).toBe(true);
      const record = await stack.ledger.get(id);
      expect(record?.state).toBe('QUARANTINED');
      expect(record?.history.map((e) => [e.action, e.actor.startsWith('cli:')])).toEqual([
        ['admitted', true],
        ['remediation-started', true],
        ['quarantined', true],
        ['announced', false],
      ]);
      expect(stack.slack.messages().length).toBe(posted + 1);
    });

    it("updates the finding's own Slack review message instead of posting another", async () => {
      // Prepare: the pipeline (backfill) has announced it for review
      const object = await stack.putObject('hr/people.csv');
      const id = stack.addFinding(object, 'SensitiveData:S3Object/Personal').id as string;
      expect((await stack.run(['backfill', '--type', 'Personal', '--bucket', stack.sourceBucket, '--json'])).code).toBe(
        0,
      );
      const ts = (await stack.ledger.get(id))?.slack?.ts;
      const posted = stack.slack.messages().length;

      // Act
      const run = await stack.run(['remediate', id, '--yes', '--json']);

      // Assess
      expect(json(run).summary).toEqual({ QUARANTINED: 1 });
      expect(stack.slack.messages().length).toBe(posted);
      const message = stack.slack.messages().find((m) => m.ts === ts);
      expect(message?.history.length).toBeGreaterThan(0);
      expect(JSON.stringify(message?.blocks)).not.toContain('"Remediate"');
    });

    it('refuses an unknown id with exit code 2 and one line, changing nothing for the ids it knows', async () => {
      // Prepare
      const object = await stack.putObject('payroll/april.csv');
      const known = stack.addFinding(object).id as string;

      // Act
      const run = await stack.run(['remediate', known, 'f0000000000000000000000000000000', '--yes']);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe('error: finding f0000000000000000000000000000000 not found in the ledger or in Macie\n');
      expect(await exists(stack, stack.sourceBucket, object.key)).toBe(true);
      expect(await stack.ledger.get(known)).toBeUndefined();
    });

    it('reports a second run as ALREADY_QUARANTINED and moves nothing', async () => {
      // Prepare
      const object = await stack.putObject('payroll/may.csv');
      const id = stack.addFinding(object).id as string;
      await stack.run(['remediate', id, '--yes']);

      // Act
      const run = await stack.run(['remediate', id, '--yes', '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(json(run).results[0]).toMatchObject({ outcome: 'ALREADY_QUARANTINED', reason: 'already in quarantine' });
    });
  });

  describe('what it will not do', () => {
    it.each([
      [[], /^error: which findings\? Give finding ids, or filters/],
      [['abc', '--bucket', 'x'], /^error: give finding ids or filters .*, not both/],
      [['--bucket', 'x', '--concurrency', '0'], /^error: option '--concurrency <n>' argument '0' is invalid/],
      [['--severity', 'urgent'], /^error: --severity: "urgent" is not a severity/],
      [['--since', 'last week'], /^error: --since: "last week" is not a date/],
      [['--bogus'], /^error: unknown option '--bogus'/],
    ])('%j is a usage error: exit 2, one line, no stack', async (args, message) => {
      const run = await stack.run(['remediate', ...args]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });

    it('without a quarantine bucket is a configuration error, exit 2, whatever Macie answers the selection meanwhile', async () => {
      // Prepare: a finding Macie answers with, and a Macie that is down
      const object = await stack.putObject('payroll/unset.csv');
      stack.addFinding(object);
      const down = await startProxy(stack.macie.url, () => MACIE_DOWN);
      const unset = { MACIE_REMEDIATE_QUARANTINE_BUCKET: '' };
      const args = ['remediate', '--bucket', stack.sourceBucket, '--yes'];

      // Act
      const answered = await stack.run(args, { env: unset });
      // The SDK reads its endpoints from process.env.
      process.env.AWS_ENDPOINT_URL_MACIE2 = down.url;
      const failed = await stack
        .run(args, { env: { ...unset, AWS_ENDPOINT_URL_MACIE2: down.url } })
        .finally(() => Object.assign(process.env, stack.env));
      await down.stop();

      // Assess
      for (const run of [answered, failed]) {
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^error: Invalid configuration: quarantine bucket is not set/);
        expect(run.stderr.trim().split('\n')).toHaveLength(1);
      }
      expect(await exists(stack, stack.sourceBucket, object.key)).toBe(true);
    });

    it('shows the stack of a user error only with --verbose', async () => {
      const run = await stack.run(['remediate', '--severity', 'urgent', '--verbose']);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/\n\s+at /);
    });

    it('refuses to change anything without --yes when there is no terminal to ask on', async () => {
      // Prepare
      const object = await stack.putObject('payroll/june.csv');
      const id = stack.addFinding(object).id as string;

      // Act
      const run = await stack.run(['remediate', id]);

      // Assess
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('error: refusing to quarantine 1 object(s) without confirmation: pass --yes');
      expect(await exists(stack, stack.sourceBucket, object.key)).toBe(true);
      expect(await stack.ledger.get(id)).toBeUndefined();
    });
  });

  describe('plans', () => {
    it('--dry-run reports PLANNED and changes nothing', async () => {
      // Prepare
      const object = await stack.putObject('payroll/july.csv');
      const id = stack.addFinding(object).id as string;

      // Act
      const run = await stack.run(['remediate', id, '--dry-run', '--json']);

      // Assess
      expect(run.code).toBe(0);
      expect(json(run).results).toEqual([
        {
          findingId: id,
          outcome: 'PLANNED',
          source: { bucket: stack.sourceBucket, key: object.key },
          quarantine: { bucket: stack.quarantineBucket, key: `${id}/${stack.sourceBucket}/${object.key}` },
          action: 'QUARANTINE',
          reason: expect.stringContaining(`ETag ${object.eTag}`),
        },
      ]);
      expect(await exists(stack, stack.sourceBucket, object.key)).toBe(true);
      expect(await stack.ledger.get(id)).toBeUndefined();
    });

    it('--plan writes the exact plan (object, size and ETag as S3 has them now, target) and changes nothing', async () => {
      // Prepare
      const object = await stack.putObject('plans/august.csv', 'twelve bytes');
      const id = stack.addFinding(object).id as string;

      // Act
      const run = await stack.run(['remediate', id, '--plan', 'august-plan.json']);

      // Assess
      expect(run.code).toBe(0);
      expect(run.stderr).toContain('Carry it out with: macie-remediate apply august-plan.json');
      const plan = JSON.parse(readFileSync(join(stack.cwd, 'august-plan.json'), 'utf8'));
      expect(plan).toEqual({
        version: 1,
        kind: 'remediate',
        createdAt: expect.any(String),
        createdBy: expect.stringMatching(/^cli:/),
        quarantineBucket: stack.quarantineBucket,
        force: false,
        skipped: [],
        items: [
          {
            findingId: id,
            type: 'SensitiveData:S3Object/Financial',
            severity: 'High',
            decision: 'AUTO',
            action: 'QUARANTINE',
            object: { bucket: stack.sourceBucket, key: object.key, size: 12, eTag: object.eTag },
            target: { bucket: stack.quarantineBucket, key: `${id}/${stack.sourceBucket}/${object.key}` },
          },
        ],
      });
      expect(await exists(stack, stack.sourceBucket, object.key)).toBe(true);
      expect(await stack.ledger.get(id)).toBeUndefined();
    });
  });

  describe('objects that are not as the finding saw them', () => {
    it('reports an object changed since the scan as STALE and leaves it; --force quarantines it', async () => {
      // Prepare: the finding saw one version of the bytes, the key now holds others
      const object = await stack.putObject('stale/report.csv', 'the scanned bytes');
      const id = stack.addFinding(object).id as string;
      await stack.s3.send(new PutObjectCommand({ Bucket: stack.sourceBucket, Key: object.key, Body: 'new bytes' }));

      // Act
      const planned = await stack.run(['remediate', id, '--dry-run', '--json']);
      const recordAfterPlan = await stack.ledger.get(id);
      const stale = await stack.run(['remediate', id, '--yes', '--json']);
      const recordAfterRun = await stack.ledger.get(id);
      const keptAfterRun = await exists(stack, stack.sourceBucket, object.key);
      const forced = await stack.run(['remediate', id, '--yes', '--json', '--force']);

      // Assess: a plan someone reads looks at the object and leaves the finding out, writing nothing; a --yes run
      // does not look first, so its move refuses the object and records that, as a Remediate click does.
      for (const run of [planned, stale]) {
        expect(run.code).toBe(0);
        expect(json(run).results[0]).toMatchObject({
          outcome: 'STALE',
          reason: expect.stringContaining(`the finding saw ${object.eTag}`),
        });
      }
      expect(recordAfterPlan).toBeUndefined();
      expect(recordAfterRun?.state).toBe('FAILED');
      expect(keptAfterRun).toBe(true);
      expect(json(forced).results[0].outcome).toBe('QUARANTINED');
    });

    it('reports a deleted object as SOURCE_MISSING', async () => {
      const id = stack.addFinding({ key: 'gone/never-there.csv' }).id as string;
      const run = await stack.run(['remediate', id, '--yes', '--json']);
      expect(run.code).toBe(0);
      expect(json(run).results[0]).toMatchObject({ outcome: 'SOURCE_MISSING' });
    });

    it('exits 1 when an item FAILED, and says why in the summary', async () => {
      // Prepare: an object in an archive tier cannot be copied until it is restored
      const put = await stack.s3.send(
        new PutObjectCommand({
          Bucket: stack.sourceBucket,
          Key: 'cold/archive.csv',
          Body: 'x',
          StorageClass: 'GLACIER',
        }),
      );
      const id = stack.addFinding({ key: 'cold/archive.csv', eTag: (put.ETag ?? '').replaceAll('"', '') }).id as string;

      // Act
      const run = await stack.run(['remediate', id, '--yes']);

      // Assess
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/FAILED.*archived/);
      expect(run.stdout).toMatch(/FAILED\s+1/);
    });
  });

  describe('by filters', () => {
    it('selects by type and bucket, leaves what the policy ignores unless asked, and filters by ledger state', async () => {
      // Prepare
      const prefix = `filters-${Date.now()}`;
      const financial = await stack.seed(2, 'SensitiveData:S3Object/Financial', {
        prefix,
        start: Date.parse('2026-06-01T00:00:00Z'),
      });
      const custom = await stack.seed(1, 'SensitiveData:S3Object/CustomIdentifier', {
        prefix: `${prefix}-c`,
        start: Date.parse('2026-06-01T00:00:00Z'),
      });
      // Seeded in June: the other tests' findings are created now, outside this window.
      const window = ['--bucket', stack.sourceBucket, '--since', '2026-06-01', '--until', '2026-06-02'];

      // Act
      const dry = await stack.run([
        'remediate',
        ...window,
        '--type',
        'Financial,CustomIdentifier',
        '--dry-run',
        '--json',
      ]);
      const moved = await stack.run([
        'remediate',
        ...window,
        '--type',
        'Financial',
        '--status',
        'new',
        '--yes',
        '--json',
      ]);
      const withIgnored = await stack.run([
        'remediate',
        ...window,
        '--type',
        'CustomIdentifier',
        '--include-ignored',
        '--yes',
        '--json',
      ]);
      const again = await stack.run(['remediate', ...window, '--status', 'new', '--yes', '--json']);

      // Assess
      expect(json(dry).summary).toEqual({ IGNORED: 1, PLANNED: 2 });
      expect(json(dry).results.find((r: { outcome: string }) => r.outcome === 'IGNORED').reason).toBe(
        'CustomIdentifier findings are set to IGNORE (--include-ignored acts on it anyway)',
      );
      expect(
        json(moved)
          .results.map((r: { findingId: string }) => r.findingId)
          .sort(),
      ).toEqual(financial.map((f) => f.id).sort());
      expect(json(moved).summary).toEqual({ QUARANTINED: 2 });
      expect(json(withIgnored).results).toEqual([
        expect.objectContaining({ findingId: custom[0]?.id, outcome: 'QUARANTINED' }),
      ]);
      expect(json(again)).toEqual({ results: [], summary: {} });
      expect(again.stderr).toContain('Nothing to quarantine.');
    });

    it('sends the filters to Macie as findingCriteria', async () => {
      // Prepare
      stack.macie.clearRequests();

      // Act
      await stack.run(['remediate', '--bucket', 'no-such-bucket', '--severity', 'high', '--dry-run']);

      // Assess
      const list = stack.macie.requests().find((r) => r.operation === 'ListFindings');
      expect(list?.body).toMatchObject({
        findingCriteria: {
          criterion: {
            'resourcesAffected.s3Bucket.name': { eq: ['no-such-bucket'] },
            'severity.description': { eq: ['High'] },
            archived: { eq: ['false'] },
          },
        },
        maxResults: 50,
        sortCriteria: { attributeName: 'createdAt', orderBy: 'ASC' },
      });
    });
  });

  it('draws boxed tables on a terminal', async () => {
    const id = stack.addFinding({ key: 'tty/missing.csv' }).id as string;
    const run = await stack.run(['remediate', id, '--yes', '--no-color'], { tty: true });
    expect(run.stdout).toContain('┌');
    expect(run.stdout).toContain('SOURCE_MISSING');
    expect(run.stdout).not.toContain('\u001b[');
  });
});
