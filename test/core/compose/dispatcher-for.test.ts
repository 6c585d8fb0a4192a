import { LambdaClient } from '@aws-sdk/client-lambda';
import { dispatcherFor } from '../../../core/compose/dispatcher-for';
import { loadSettings } from '../../../core/config';
import { RemediateError } from '../../../core/errors';
import { InProcessDispatcher } from '../../../core/remediation/InProcessDispatcher';
import type { RemediationResult } from '../../../core/types/outcome';
import type { RemediationJob } from '../../../core/types/ports';
import { testCredentials } from '../../support/aws';
import { LambdaStandIn } from '../../support/lambda-stand-in';

const JOB: RemediationJob = { kind: 'remediate', findingId: 'f-1', actor: 'cli:alice' };
const resultOf =
  (outcome: RemediationResult['outcome']) =>
  (job: unknown): Promise<RemediationResult> =>
    Promise.resolve({ findingId: (job as RemediationJob).findingId, outcome, source: { bucket: 'b', key: 'k' } });

describe('dispatcherFor: where jobs go, for every door', () => {
  const lambda = new LambdaStandIn();
  let client: LambdaClient;

  beforeAll(async () => {
    const endpoint = await lambda.start();
    client = new LambdaClient({ region: 'us-east-1', endpoint, credentials: testCredentials, maxAttempts: 1 });
    lambda.register('macie-remediator', resultOf('QUARANTINED'));
  });
  afterAll(async () => {
    client.destroy();
    await lambda.stop();
  });
  beforeEach(() => lambda.invocations.splice(0));

  const settings = (remediator?: string) =>
    loadSettings({ env: remediator ? { MACIE_REMEDIATE_REMEDIATOR_FUNCTION: remediator } : {} });
  const here = new InProcessDispatcher({ run: resultOf('RESTORED') });

  it('a configured remediator function takes the job: handed off (Event) by default, awaited for the CLI', async () => {
    // Prepare
    const handOff = dispatcherFor({ settings: settings('macie-remediator'), lambda: () => client, inProcess: here });
    const awaited = dispatcherFor({ settings: settings('macie-remediator'), lambda: () => client, wait: true });

    // Act
    const handedOff = await handOff.dispatch(JOB);
    const result = await awaited.dispatch(JOB);
    await lambda.idle();

    // Assess
    expect(handedOff).toBeUndefined();
    expect(result).toMatchObject({ findingId: 'f-1', outcome: 'QUARANTINED' });
    expect(lambda.invocations.map((call) => call.invocationType)).toEqual(['Event', 'RequestResponse']);
  });

  it('without one, a door that can run jobs runs them here; the client is never made', async () => {
    // Prepare
    const made: LambdaClient[] = [];
    const dispatcher = dispatcherFor({
      settings: settings(),
      lambda: () => {
        made.push(client);
        return client;
      },
      inProcess: here,
    });

    // Act
    const result = await dispatcher.dispatch(JOB);

    // Assess
    expect(dispatcher).toBe(here);
    expect(result?.outcome).toBe('RESTORED');
    expect(made).toEqual([]);
    expect(lambda.invocations).toEqual([]);
  });

  it('a Lambda handler without one is a configuration error, naming the variable', () => {
    // Act
    const choose = () => dispatcherFor({ settings: settings(), lambda: () => client });

    // Assess
    expect(choose).toThrow(RemediateError);
    expect(choose).toThrow(/MACIE_REMEDIATE_REMEDIATOR_FUNCTION/);
  });
});
