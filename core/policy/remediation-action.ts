import type { Finding } from '../types/finding';
import type { MinSeverity, RemediationAction, RemediationChoice } from '../types/policy';

/** Every action, in the order messages and errors list them. */
const REMEDIATION_ACTIONS = ['QUARANTINE', 'SEAL', 'TAG'] as const satisfies readonly RemediationAction[];

/** What a type nobody configured gets: the move, as before there were other actions. */
const DEFAULT_REMEDIATION: RemediationAction = 'QUARANTINE';

const SEVERITY_KEY: Readonly<Record<Finding['severity']['description'], MinSeverity>> = {
  Low: 'LOW',
  Medium: 'MEDIUM',
  High: 'HIGH',
};

/** The action configured for this finding's type and severity (pure). */
function remediationFor(
  finding: Pick<Finding, 'type' | 'severity'>,
  actions: Readonly<Record<string, RemediationChoice>> | undefined,
): RemediationAction {
  const choice = actions?.[finding.type];
  if (choice === undefined) return DEFAULT_REMEDIATION;
  if (typeof choice === 'string') return choice;
  return choice[SEVERITY_KEY[finding.severity.description]] ?? DEFAULT_REMEDIATION;
}

/** The words Slack and the terminal use for an action, as a verb phrase in the past ("sealed in place"). */
const ACTION_DONE: Readonly<Record<RemediationAction, string>> = {
  QUARANTINE: 'quarantined',
  SEAL: 'sealed in place',
  TAG: 'tagged',
};

/** The same as something to do ("seal in place"): confirmations, progress, "Remediation (…) in progress". */
const ACTION_TO_DO: Readonly<Record<RemediationAction, string>> = {
  QUARANTINE: 'quarantine',
  SEAL: 'seal in place',
  TAG: 'tag',
};

/** An action as a person types it, in any case (`seal` → `SEAL`); undefined for anything else. */
const parseRemediationAction = (text: string): RemediationAction | undefined =>
  REMEDIATION_ACTIONS.find((action) => action === text.trim().toUpperCase());

export { ACTION_DONE, ACTION_TO_DO, DEFAULT_REMEDIATION, parseRemediationAction, REMEDIATION_ACTIONS, remediationFor };
