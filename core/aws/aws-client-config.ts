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

export type { AwsClientConfig };
export { awsClientConfig };
