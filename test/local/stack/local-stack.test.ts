import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetMacieSessionCommand, Macie2Client } from '@aws-sdk/client-macie2';
import { ListBucketsCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { WebClient } from '@slack/web-api';
import { objectExists } from '../../../cli/demo/checks';
import { loadSettings } from '../../../core/config';
import { type LocalStack, startLocalStack } from '../../../local/stack/LocalStack';
import { LOCAL_NAMES } from '../../../local/stack/local-names';
import { SAMPLE_OBJECTS, uploadSamples } from '../../../local/stack/sample-objects';

const { sourceBucket, quarantineBucket, ledgerTable } = LOCAL_NAMES;

/** Clients built from the printed environment alone, as another process would build them. */
function clientsFrom(env: Readonly<Record<string, string>>) {
  const base = {
    region: env.AWS_REGION,
    credentials: { accessKeyId: env.AWS_ACCESS_KEY_ID ?? '', secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? '' },
    maxAttempts: 1,
  };
  return {
    s3: new S3Client({ ...base, endpoint: env.AWS_ENDPOINT_URL_S3, forcePathStyle: true }),
    dynamo: new DynamoDBClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_DYNAMODB }),
    macie: new Macie2Client({ ...base, endpoint: env.AWS_ENDPOINT_URL_MACIE2 }),
    sts: new STSClient({ ...base, endpoint: env.AWS_ENDPOINT_URL_STS }),
    slack: new WebClient(env.SLACK_BOT_TOKEN, { slackApiUrl: env.SLACK_API_URL, retryConfig: { retries: 0 } }),
  };
}

describe('Function: startLocalStack', () => {
  let root: string;
  const stacks: LocalStack[] = [];
  const start = async (name: string, ports?: Parameters<typeof startLocalStack>[0]['ports']) => {
    const stack = await startLocalStack({ stateDir: join(root, name), ...(ports ? { ports } : {}) });
    stacks.push(stack);
    return stack;
  };

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'local-stack-'));
  });
  afterEach(async () => {
    for (const stack of stacks.splice(0)) await stack.stop();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints an environment that points the settings loader, the SDK and the Slack client at every service', async () => {
    // Prepare
    const stack = await start('env');
    const clients = clientsFrom(stack.env);

    // Act
    const settings = loadSettings({ env: stack.env });
    const buckets = await clients.s3.send(new ListBucketsCommand({}));
    const table = await clients.dynamo.send(new DescribeTableCommand({ TableName: ledgerTable }));
    const session = await clients.macie.send(new GetMacieSessionCommand({}));
    const caller = await clients.sts.send(new GetCallerIdentityCommand({}));
    const identity = await clients.slack.auth.test();
    const health = await fetch(`${stack.urls.remediationApi}/healthz`);
    const page = await fetch(stack.urls.slackPage);

    // Assess
    expect(settings).toMatchObject({
      quarantineBucket,
      ledgerTable,
      slackChannel: 'C0FINDINGS1',
      slackApprovers: ['U0ALICE001'],
      slackApiUrl: stack.urls.slackApi,
      region: 'us-east-1',
      accountId: '111122223333',
      memberAccounts: [LOCAL_NAMES.member.account],
      slack: { botToken: stack.env.SLACK_BOT_TOKEN, signingSecret: stack.env.SLACK_SIGNING_SECRET },
    });
    expect(settings.warnings).toEqual([]);
    expect(buckets.Buckets?.map((b) => b.Name).sort()).toEqual(
      [quarantineBucket, LOCAL_NAMES.member.bucket, sourceBucket].sort(),
    );
    expect(table.Table?.KeySchema).toEqual([{ AttributeName: 'findingId', KeyType: 'HASH' }]);
    expect(session.status).toBe('ENABLED');
    expect(caller).toMatchObject({ Account: '111122223333', Arn: LOCAL_NAMES.user });
    expect(identity.team_id).toBe('T0LOCAL001');
    expect([health.status, page.status]).toEqual([200, 200]);
    for (const url of Object.values(stack.urls)) expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+/);
  });

  it('discovers uploads, runs the production handlers on their findings and routes clicks to the remediation API', async () => {
    // Prepare
    const stack = await start('flow');
    // Reserved characters too: the local stack's S3 copies them (see start-s3rver.ts).
    const key = 'people/Ünïcödé list & more (2026) +1 #2 ?=,;@$.txt';
    const personal = SAMPLE_OBJECTS.personal;
    const body = readFileSync(join(__dirname, '..', '..', '..', 'samples', personal.file));

    // Act
    await stack.s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: key, Body: body }));
    await stack.s3.send(new PutObjectCommand({ Bucket: sourceBucket, Key: 'readme.txt', Body: 'nothing here' }));
    await stack.s3.send(new PutObjectCommand({ Bucket: quarantineBucket, Key: 'held.txt', Body: body }));
    await stack.idle();
    const [finding, ...others] = stack.macie.all();
    const id = finding?.id ?? '';
    const before = await stack.deps.ledger.get(id);
    const [review] = stack.slack.messages('C0FINDINGS1');
    const click = await stack.slack.clickButton({
      ts: review?.ts ?? '',
      buttonText: 'Remediate',
      userId: 'U0ALICE001',
    });
    await stack.idle();
    const after = await stack.deps.ledger.get(id);

    // Assess
    expect(others).toEqual([]);
    expect(finding).toMatchObject({
      type: 'SensitiveData:S3Object/Personal',
      resourcesAffected: { s3Object: { key } },
    });
    expect(before?.state).toBe('AWAITING_REVIEW');
    expect(click.status).toBe(200);
    expect(after).toMatchObject({ state: 'QUARANTINED', quarantine: { bucket: quarantineBucket } });
    expect(await objectExists(stack.s3, sourceBucket, key)).toBe(false);
    expect(await objectExists(stack.s3, quarantineBucket, after?.quarantine?.key ?? '')).toBe(true);
    expect(stack.slack.messages('C0FINDINGS1').map((m) => m.text)).toEqual([expect.stringMatching(/^Quarantined: /)]);
    // Macie published the finding; the click's outcome shows there beside Slack's.
    expect(stack.securityHub.forMacieFinding(id)).toMatchObject({
      Workflow: { Status: 'RESOLVED' },
      Note: { Text: expect.stringMatching(/^Quarantined by Slack user U0ALICE001 on .*: s3:\/\/.* moved to s3:\/\//) },
    });
  });

  it("keeps objects, the ledger and Macie's findings across a restart on the same state dir", async () => {
    // Prepare
    const first = await start('persist');
    await uploadSamples(first.s3, sourceBucket);
    await first.idle();
    const findings = first.macie.all();
    await first.stop();

    // Act
    const second = await start('persist');
    const records = await Promise.all(findings.map((f) => second.deps.ledger.get(f.id ?? '')));

    // Assess
    expect(second.macie.all()).toEqual(findings);
    expect(records.map((r) => r?.state).sort()).toEqual(['AWAITING_REVIEW', 'QUARANTINED']);
    const moved = records.find((r) => r?.state === 'QUARANTINED')?.quarantine;
    expect(await objectExists(second.s3, quarantineBucket, moved?.key ?? '')).toBe(true);
    expect(await objectExists(second.s3, sourceBucket, SAMPLE_OBJECTS.personal.key)).toBe(true);
    // Loaded findings are not published again.
    await second.idle();
    expect(second.slack.messages()).toEqual([]);
  });

  it('stops what it started when a port is taken, so the state dir can be used again', async () => {
    // Prepare
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };

    try {
      // Act
      const failed = start('ports', { slackPage: port });

      // Assess
      await expect(failed).rejects.toThrow(/EADDRINUSE/);
      await expect(start('ports')).resolves.toBeDefined();
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });
});
