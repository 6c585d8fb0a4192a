import { CreateSecretCommand, PutSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createSlackSecretReader } from '../../../core/secrets/slack-secret';
import { motoSecrets, uniqueName } from '../../support/aws';

/** Counts GetSecretValue calls that reach the wire, through the client's middleware stack. */
function countingClient(): { client: SecretsManagerClient; reads: () => number } {
  const client = motoSecrets();
  let reads = 0;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'GetSecretValueCommand') reads++;
      return next(args);
    },
    { step: 'initialize', name: 'countSecretReads' },
  );
  return { client, reads: () => reads };
}

async function createSecret(client: SecretsManagerClient, value: string): Promise<string> {
  const name = uniqueName('macie-remediate-slack');
  await client.send(new CreateSecretCommand({ Name: name, SecretString: value }));
  return name;
}

const credentials = {
  signingSecret: 'sig-1',
  botToken: 'xoxb-1',
  webhookUrl: 'https://hooks.slack.com/services/T/B/1',
};

describe('Function: createSlackSecretReader (Secrets Manager on moto)', () => {
  it('reads the credentials once and serves later reads from memory within the TTL', async () => {
    // Prepare
    const { client, reads } = countingClient();
    const secretId = await createSecret(client, JSON.stringify(credentials));
    const reader = createSlackSecretReader({ client, secretId, clock: () => new Date(0) });

    // Act
    const first = await reader.read();
    const [second, third] = await Promise.all([reader.read(), reader.read()]);

    // Assess
    expect(first).toEqual(credentials);
    expect(second).toEqual(credentials);
    expect(third).toEqual(credentials);
    expect(reads()).toBe(1);
  });

  it('picks up a rotated secret once the TTL has passed', async () => {
    // Prepare
    const { client, reads } = countingClient();
    const secretId = await createSecret(client, JSON.stringify(credentials));
    const time = { now: 0 };
    const reader = createSlackSecretReader({ client, secretId, ttlMs: 60_000, clock: () => new Date(time.now) });
    await reader.read();
    await client.send(
      new PutSecretValueCommand({
        SecretId: secretId,
        SecretString: JSON.stringify({ ...credentials, botToken: 'xoxb-2' }),
      }),
    );

    // Act
    time.now = 59_999;
    const beforeExpiry = await reader.read();
    time.now = 60_000;
    const afterExpiry = await reader.read();

    // Assess
    expect(beforeExpiry.botToken).toBe('xoxb-1');
    expect(afterExpiry.botToken).toBe('xoxb-2');
    expect(reads()).toBe(2);
  });

  it('reads a secret by ARN', async () => {
    // Prepare
    const { client } = countingClient();
    const name = uniqueName('macie-remediate-slack');
    const created = await client.send(new CreateSecretCommand({ Name: name, SecretString: '{"botToken":"xoxb-arn"}' }));

    // Act
    const read = await createSlackSecretReader({ client, secretId: String(created.ARN) }).read();

    // Assess
    expect(read).toEqual({ botToken: 'xoxb-arn' });
  });

  it('rejects a malformed value with an error naming the secret, never its value, and reads again next time', async () => {
    // Prepare
    const { client, reads } = countingClient();
    const secretId = await createSecret(client, 'xoxb-pasted-raw-token');
    const reader = createSlackSecretReader({ client, secretId, clock: () => new Date(0) });

    // Act
    const error = await reader.read().catch((err: unknown) => err);
    await client.send(new PutSecretValueCommand({ SecretId: secretId, SecretString: '{"botToken":"xoxb-fixed"}' }));
    const fixed = await reader.read();

    // Assess
    expect(error).toMatchObject({ code: 'CONFIG_INVALID', message: `Slack secret ${secretId} is not valid JSON` });
    expect(JSON.stringify(error)).not.toContain('xoxb-pasted-raw-token');
    expect(fixed).toEqual({ botToken: 'xoxb-fixed' });
    expect(reads()).toBe(2);
  });

  it('says which secret is missing', async () => {
    // Prepare
    const { client } = countingClient();
    const secretId = uniqueName('missing');

    // Act & Assess
    await expect(createSlackSecretReader({ client, secretId }).read()).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      source: 'user',
      message: `Slack secret ${secretId} not found`,
    });
  });
});
