import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { CreateSecretCommand } from '@aws-sdk/client-secrets-manager';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import type { RemediationResult } from '../../core/types/outcome';
import { SLACK_DEFAULTS } from '../../local/slack/slack-defaults';
import { motoEnv, motoSecrets, uniqueName } from '../support/aws';
import { LambdaStandIn } from '../support/lambda-stand-in';
import { ALICE, CHANNEL, type LiveStack, startLiveStack, testClock } from '../support/live-stack';
import { buttonsOf } from '../support/slack-messages';
import { lambdaContext } from './support/lambda-context';
import { v2Event } from './support/proxy-events';

type Handler<E, R> = (event: E, context: Context) => Promise<R>;

interface Handlers {
  readonly finding: Handler<unknown, RemediationResult>;
  readonly remediation: Handler<APIGatewayProxyEventV2, APIGatewayProxyResult>;
  readonly remediator: Handler<unknown, RemediationResult>;
}

const context = lambdaContext;

/**
 * The three exported `handler`s as Lambda runs them: composed from environment variables alone (the names
 * infra/Functions.ts sets), Slack credentials from Secrets Manager, jobs handed to the remediator function
 * through the Lambda Invoke API, and JSON logs.
 */
describe('Lambda entry points (exported handlers, composed from the environment)', () => {
  // The clock of the Slack stand-in must match real time: the handlers verify signatures with the system clock.
  const clock = testClock(new Date());
  const lambda = new LambdaStandIn();
  const logs: string[] = [];
  let live: LiveStack;
  let handlers: Handlers;
  let restoreEnv: NodeJS.ProcessEnv;

  beforeAll(async () => {
    live = await startLiveStack({ clock });
    const lambdaUrl = await lambda.start();
    const secretId = uniqueName('macie-remediate/slack');
    const credentials = { signingSecret: SLACK_DEFAULTS.signingSecret, botToken: SLACK_DEFAULTS.botToken };
    await motoSecrets().send(new CreateSecretCommand({ Name: secretId, SecretString: JSON.stringify(credentials) }));

    restoreEnv = { ...process.env };
    const lambdaEnv = live.env({
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      MACIE_REMEDIATE_SECRET_ID: secretId,
      MACIE_REMEDIATE_REMEDIATOR_FUNCTION: 'macie-remediator',
    });
    Object.assign(process.env, motoEnv(), lambdaEnv, { AWS_ENDPOINT_URL_LAMBDA: lambdaUrl, LOG_LEVEL: 'DEBUG' });
    // The logger writes INFO and below to stdout, WARN and ERROR to stderr.
    for (const stream of [process.stdout, process.stderr]) {
      jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logs.push(String(chunk));
        return true;
      });
    }
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
  });
  beforeEach(() => {
    live.slack.reset();
    logs.length = 0;
  });

  it('AUTO: the finding handler invokes the remediator asynchronously, which quarantines and then tells Slack', async () => {
    // Prepare
    const object = await live.putObject('finance/auto.csv');
    const event = live.findingEvent('Financial', object);

    // Act
    const answer = await handlers.finding(event, context('finding-handler', 'req-auto'));
    const postedBeforeTheMove = live.slack.calls('chat.postMessage').length;
    await lambda.idle();

    // Assess
    expect(answer.outcome).toBe('PLANNED');
    expect(answer.reason).toBe('sent to the remediator');
    expect(postedBeforeTheMove).toBe(0);
    expect(lambda.invocations).toContainEqual({
      functionName: 'macie-remediator',
      invocationType: 'Event',
      // The lease the finding handler took with the record: the remediator works under it.
      payload: { kind: 'remediate', findingId: event.detail.id, actor: 'auto', lease: expect.stringMatching(/^auto#/) },
    });
    expect(lambda.failures).toEqual([]);
    const key = `${event.detail.id}/${object.bucket}/${object.key}`;
    await expect(
      live.s3.send(new HeadObjectCommand({ Bucket: live.quarantineBucket, Key: key })),
    ).resolves.toBeTruthy();
    expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(['Restore']);
  });

  it('REVIEW: posts the review; a click is answered at once and the remediator finishes the move', async () => {
    // Prepare
    const object = await live.putObject('hr/review.csv');
    const event = live.findingEvent('Personal', object);
    await handlers.finding(event, context('finding-handler', 'req-review'));
    const message = live.slack.messages(CHANNEL.id).at(-1);
    if (!message) throw new Error('no review message');
    const click = live.slack.buildClick({ ts: message.ts, actionId: 'remediate', userId: ALICE });

    // Act
    const response = await handlers.remediation(v2Event(click), context('remediation-handler', 'req-click'));
    const atAnswer = live.slack.messages(CHANNEL.id).at(-1);
    await lambda.idle();

    // Assess
    expect(response).toMatchObject({ statusCode: 200, body: '' });
    expect(atAnswer?.text).toContain('in progress');
    expect(buttonsOf(atAnswer)).toEqual([]);
    expect(buttonsOf(live.slack.messages(CHANNEL.id).at(-1))).toEqual(['Restore']);
    expect(lambda.invocations.at(-1)).toMatchObject({
      invocationType: 'Event',
      payload: { kind: 'remediate', findingId: event.detail.id, actor: `slack:${ALICE}` },
    });
  });

  it('writes one JSON line per event, with the correlation id and finding id, and no secret', async () => {
    // Prepare
    const event = live.findingEvent('Personal', await live.putObject('hr/logs.csv'));

    // Act
    await handlers.finding(event, context('finding-handler', 'req-logs'));

    // Assess
    const lines = logs
      .join('')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const handled = lines.find((line) => line.message === 'finding handled');
    expect(handled).toMatchObject({
      level: 'INFO',
      service: 'macie-remediate',
      correlationId: event.id,
      findingId: event.detail.id,
      outcome: 'NOTIFIED',
      function_request_id: 'req-logs',
    });
    expect(logs.join('')).not.toContain(SLACK_DEFAULTS.signingSecret);
    expect(logs.join('')).not.toContain(SLACK_DEFAULTS.botToken);
  });

  it('answers 401 with no detail to an unsigned request, through the composed handler', async () => {
    // Act
    const unsigned = await handlers.remediation(
      v2Event({ headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'payload=%7B%7D' }),
      context('remediation-handler', 'req-unsigned'),
    );

    // Assess
    expect(unsigned).toMatchObject({ statusCode: 401, body: '' });
  });

  it('drops a malformed remediator job without throwing, and throws nothing for an unknown finding', async () => {
    // Act
    const malformed = await handlers.remediator({ kind: 'explode' }, context('macie-remediator', 'req-bad'));
    const unknown = await handlers.remediator(
      { kind: 'remediate', findingId: 'unknown-finding', actor: 'auto' },
      context('macie-remediator', 'req-unknown'),
    );

    // Assess
    expect(malformed).toMatchObject({ outcome: 'FAILED' });
    expect(malformed.reason).toMatch(/^remediation job invalid: kind/);
    expect(unknown).toMatchObject({ outcome: 'FAILED', reason: 'finding unknown-finding is not in the ledger' });
  });
});
