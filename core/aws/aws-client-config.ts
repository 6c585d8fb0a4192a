import type { Settings } from '../types/settings';

/** Fields every SDK v3 client config accepts. */
interface AwsClientConfig {
  readonly region?: string;
  /**
   * The SDK resolves credentials and region from this profile of the shared config files itself
   * (client-level `profile`), so no `fromIni` provider is needed.
   */
  readonly profile?: string;
  readonly endpoint?: string;
}

/**
 * The common SDK client config from settings. `endpoint` is set only for `--endpoint-url`: the SDK
 * reads `AWS_ENDPOINT_URL` / `AWS_ENDPOINT_URL_<SERVICE>` on its own, per service.
 */
function awsClientConfig(settings: Pick<Settings, 'region' | 'profile' | 'endpointUrl'>): AwsClientConfig {
  return {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.endpointUrl ? { endpoint: settings.endpointUrl } : {}),
  };
}

interface DynamoClientOptions extends AwsClientConfig {
  readonly retryMode: 'adaptive';
}

/**
 * DynamoDB client config for the ledger: bulk runs write a record per object, so adaptive retry also slows
 * the sending down after ThrottlingException / ProvisionedThroughputExceededException.
 */
function dynamoClientConfig(settings: Pick<Settings, 'region' | 'profile' | 'endpointUrl'>): DynamoClientOptions {
  return { ...awsClientConfig(settings), retryMode: 'adaptive' };
}

interface S3ClientOptions extends AwsClientConfig {
  readonly forcePathStyle?: boolean;
  readonly requestChecksumCalculation: 'WHEN_REQUIRED';
  readonly retryMode: 'adaptive';
}

/** True when the SDK will send S3 requests somewhere other than AWS, mirroring its own endpoint lookup. */
function hasS3EndpointOverride(
  settings: Pick<Settings, 'endpointUrl'>,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  if (settings.endpointUrl) return true;
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return false;
  return Boolean(env.AWS_ENDPOINT_URL_S3 || env.AWS_ENDPOINT_URL);
}

/**
 * S3 client config: path-style addressing whenever an endpoint override is in effect (local servers
 * have no per-bucket host names), and checksums only where an operation requires them, because s3rver
 * stores streamed bodies with their aws-chunked framing otherwise. AWS S3 and moto accept either.
 * `endpoint_url` in the shared config files is not seen here: pass `--endpoint-url` in that case.
 */
function s3ClientConfig(
  settings: Pick<Settings, 'region' | 'profile' | 'endpointUrl'>,
  env: Readonly<Record<string, string | undefined>>,
): S3ClientOptions {
  return {
    ...awsClientConfig(settings),
    ...(hasS3EndpointOverride(settings, env) ? { forcePathStyle: true } : {}),
    requestChecksumCalculation: 'WHEN_REQUIRED',
    // Bulk moves send thousands of calls: adaptive retry also slows the sending down after 503 SlowDown.
    retryMode: 'adaptive',
  };
}

export type { AwsClientConfig, DynamoClientOptions, S3ClientOptions };
export { awsClientConfig, dynamoClientConfig, hasS3EndpointOverride, s3ClientConfig };
