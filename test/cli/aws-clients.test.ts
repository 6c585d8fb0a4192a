import { AwsClients } from '../../cli/aws-clients';
import { loadSettings } from '../../core/config/load-settings';

describe('AwsClients', () => {
  it.each(['s3', 'dynamo', 'macie'] as const)('builds the %s client with adaptive retry', async (name) => {
    // Prepare
    const clients = new AwsClients(loadSettings({ env: { AWS_REGION: 'us-east-1' } }), {});

    // Act
    const client = clients[name];
    const strategy = await client.config.retryStrategy();

    // Assess
    expect(strategy).toMatchObject({ mode: 'adaptive' });
    client.destroy();
  });
});
