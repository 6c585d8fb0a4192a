import type { SecurityHubClient } from '@aws-sdk/client-securityhub';
import { SecurityHubFindings } from '../securityhub/SecurityHubFindings';
import type { FindingsHub } from '../types/ports';
import type { Settings } from '../types/settings';

/** How a door that shows decisions in Security Hub reaches it; called only with `securityHub` on. */
interface FindingsHubOption {
  readonly securityHub?: () => SecurityHubClient;
}

/**
 * Security Hub for the workflows that decide what it shows (a job's outcome, a dismissal): none with
 * `securityHub: false`, or when the door gives no client. Only job-deps and click-deps import this, so the
 * finding handler's bundle holds no Security Hub client.
 */
function findingsHubFor(settings: Settings, option: FindingsHubOption): { findingsHub?: FindingsHub } {
  if (!settings.securityHub || !option.securityHub) return {};
  return { findingsHub: new SecurityHubFindings({ client: option.securityHub }) };
}

export type { FindingsHubOption };
export { findingsHubFor };
