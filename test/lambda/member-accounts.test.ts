import { CreateBucketCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import { memberRoleArn } from '../../core/aws/member-credentials';
import type { RemediationResult } from '../../core/types/outcome';
import { SLACK_DEFAULTS } from '../../local/slack/slack-defaults';
import { readText } from '../core/quarantine/support/s3-fixtures';
import { motoEnv, motoSecrets, uniqueName } from '../support/aws';
import { LambdaStandIn } from '../support/lambda-stand-in';
import { ALICE, CHANNEL, type LiveStack, startLiveStack, testClock } from '../support/live-stack';
import { accountsOf, MEMBER_ROLE, s3As, useAccountsMoto } from '../support/moto-accounts';
import { refuseAssumeRole, type SigningProxy, startSigningProxy } from '../support/signing-proxy';
import { buttonsOf, REVIEW_BUTTONS } from '../support/slack-messages';
import { lambdaContext } from './support/lambda-context';
import { v2Event } from './support/proxy-events';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

interface Handlers {
  readonly finding: Handler<unknown, RemediationResult>;
  readonly remediation: Handler<APIGatewayProxyEventV2, APIGatewayProxyResult>;
  readonly remediator: Handler<unknown, RemediationResult>;
}

const MEMBER = '222233334444';
/** In scope too, but its member stack was never deployed: STS refuses its role. */
const WITHOUT_ROLE = '333344445555';

const context = lambdaContext;

/**
 * Acceptance for member accounts through the deployed doors: the three exported handlers composed from the
 * environment the stack gives them (MACIE_REMEDIATE_MEMBER_ACCOUNTS set), on a per-credentials moto where
 * each account's buckets are its own, behind a proxy that records who signed every request.
 */
describe("Lambda entry points: a member account's finding (per-credentials moto, signatures recorded)", () => {
  const moto = useAccountsMoto();
  // The clock of the Slack stand-in must match real time: the handlers verify signatures with the system clock.
  const clock = testClock(new Date());
  const lambda = new LambdaStandIn();
  let proxy: SigningProxy;
  let live: LiveStack;
  let handlers: Handlers;
  let restoreEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    proxy = await startSigningProxy(moto.url(), (request) =>
      request.roleArn === memberRoleArn(WITHOUT_ROLE, MEMBER_ROLE) ? refuseAssumeRole(request) : undefined,
    );
    live = await startLiveStack({ clock, endpoint: proxy.url });
    const lambdaUrl = await lambda.start();
    const secretId = uniqueName('macie-remediate/slack');
    const credentials = { signingSecret: SLACK_DEFAULTS.signingSecret, botToken: SLACK_DEFAULTS.botToken };
    await motoSecrets(proxy.url).send(
      new CreateSecretCommand({ Name: secretId, SecretString: JSON.stringify(credentials) }),
    );

    restoreEnv = { ...process.env };
    const lambdaEnv = live.env({
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      MACIE_REMEDIATE_SECRET_ID: secretId,
      MACIE_REMEDIATE_REMEDIATOR_FUNCTION: 'macie-remediator',
      MACIE_REMEDIATE_MEMBER_ACCOUNTS: `${MEMBER},${WITHOUT_ROLE}`,
      // Restore acts on the click: the reason modal is another suite's subject.
      MACIE_REMEDIATE_REASON_REQUIRED: 'none',
    });
    Object.assign(process.env, motoEnv(proxy.url), lambdaEnv, { AWS_ENDPOINT_URL_LAMBDA: lambdaUrl });
    // The JSON log lines are not what this suite is about.
    for (const stream of [process.stdout, process.stderr]) jest.spyOn(stream, 'write').mockImplementation(() => true);
    jest.isolateModules(() => {
      handlers = {
        finding: require('../../lambda/finding-handler').handler,
        remediation: require('../../lambda/remediation-handler').handler,
        remediator: require('../../lambda/remediator').handler,
      };
    });
    let invocation = 0;
    lambda.register('macie-remediator', (job) =>
      handlers.remediator(job, context('macie-remediator', `remediator-${++invocation}`)),
    );
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    process.env = restoreEnv;
    await lambda.stop();
    await live.stop();
    await proxy.stop();
  });
  beforeEach(() => live.slack.reset());

  /** An object in a bucket of `account`, made with that account's own credentials, and Macie's event on it. */
  async function memberFinding(type: string, account = MEMBER) {
    const owner = await s3As(moto.url(), account);
    const bucket = uniqueName('member');
    await owner.send(new CreateBucketCommand({ Bucket: bucket }));
    const put = await owner.send(
      new PutObjectCommand({ Bucket: bucket, Key: 'cards.csv', Body: '4111 1111 1111 1111' }),
    );
    const object = { bucket, key: 'cards.csv', versionId: '', eTag: (put.ETag ?? '').replaceAll('"', '') };
    const event = live.findingEvent(type, object, { accountId: account });
    return { owner, bucket, event, id: String(event.detail.id) };
  }

  /** The accounts that signed every request on `bucket` so far. */
  async function signersOn(bucket: string): Promise<Set<string | undefined>> {
    const requests = proxy.requests.filter((r) => r.bucket === bucket || r.copySourceBucket === bucket);
    const accounts = await accountsOf(
      moto.url(),
      requests.map((r) => r.accessKeyId),
    );
    expect(requests.length).toBeGreaterThan(0);
    return new Set(requests.map((r) => accounts.get(r.accessKeyId)));
  }

  const state = async (findingId: string) => (await live.compose().deps.ledger.get(findingId))?.state;

  it('AUTO: finding handler → remediator quarantines it into the own quarantine bucket, as the member role', async () => {
    // Prepare
    const { owner, bucket, event, id } = await memberFinding('Financial');

    // Act
    const answer = await handlers.finding(event, context('finding-handler', 'req-auto'));
    await lambda.idle();

    // Assess
    expect(answer).toMatchObject({ outcome: 'PLANNED', reason: 'sent to the remediator' });
    expect(lambda.failures).toEqual([]);
    expect(await state(id)).toBe('QUARANTINED');
    expect(await readText(owner, bucket, 'cards.csv')).toBeUndefined();
    expect(await readText(live.s3, live.quarantineBucket, `${id}/${bucket}/cards.csv`)).toBe('4111 1111 1111 1111');
    expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(['Restore']);
    expect(await signersOn(bucket)).toEqual(new Set([MEMBER]));
  });

  it('REVIEW: a signed click quarantines it, the Restore click puts it back in the member bucket, as the member role', async () => {
    // Prepare
    const { owner, bucket, event, id } = await memberFinding('Personal');
    await handlers.finding(event, context('finding-handler', 'req-review'));
    const review = live.slack.messages(CHANNEL.id).at(-1);
    if (!review) throw new Error('no review message');

    // Act
    const remediate = live.slack.buildClick({ ts: review.ts, actionId: 'remediate', userId: ALICE });
    const clicked = await handlers.remediation(v2Event(remediate), context('remediation-handler', 'req-remediate'));
    await lambda.idle();
    const afterMove = { state: await state(id), text: await readText(owner, bucket, 'cards.csv') };
    const moved = live.slack.messages(CHANNEL.id).at(-1);
    if (!moved) throw new Error('no outcome message');
    const restore = live.slack.buildClick({ ts: moved.ts, actionId: 'restore', userId: ALICE });
    const restoreClicked = await handlers.remediation(v2Event(restore), context('remediation-handler', 'req-restore'));
    await lambda.idle();

    // Assess
    expect(buttonsOf(review)).toEqual(REVIEW_BUTTONS);
    expect([clicked.statusCode, restoreClicked.statusCode]).toEqual([200, 200]);
    expect(afterMove).toEqual({ state: 'QUARANTINED', text: undefined });
    expect(buttonsOf(moved)).toEqual(['Restore']);
    expect(lambda.failures).toEqual([]);
    expect(await state(id)).toBe('RESTORED');
    expect(await readText(owner, bucket, 'cards.csv')).toBe('4111 1111 1111 1111');
    expect(await signersOn(bucket)).toEqual(new Set([MEMBER]));
  });

  it('a member role that cannot be assumed: FAILED with the fix in the reason, the ledger and Slack; nothing moved', async () => {
    // Prepare
    const { owner, bucket, event, id } = await memberFinding('Financial', WITHOUT_ROLE);

    // Act
    await handlers.finding(event, context('finding-handler', 'req-no-role'));
    await lambda.idle();

    // Assess
    const reason = `cannot assume ${memberRoleArn(WITHOUT_ROLE, MEMBER_ROLE)} in account ${WITHOUT_ROLE} (AccessDenied: User is not authorized to perform: sts:AssumeRole): deploy the member stack there (macie-remediate deploy --members) or set memberRoleName`;
    const record = await live.compose().deps.ledger.get(id);
    expect(record?.state).toBe('FAILED');
    expect(record?.history).toContainEqual(expect.objectContaining({ outcome: 'FAILED', detail: reason }));
    const blocks = JSON.stringify(live.slack.messages(CHANNEL.id).at(-1)?.blocks);
    expect(blocks).toContain(`cannot assume ${memberRoleArn(WITHOUT_ROLE, MEMBER_ROLE)}`);
    expect(blocks).toContain('deploy the member stack there');
    expect(await readText(owner, bucket, 'cards.csv')).toBe('4111 1111 1111 1111');
    // The set-up and the reads above go to moto directly: every request through the proxy is the handlers'.
    expect(proxy.requests.filter((r) => r.bucket === bucket)).toEqual([]);
  });
});
