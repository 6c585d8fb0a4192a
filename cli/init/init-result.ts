import type { SecretWrite } from './slack-secret-store';

/** What init did: the `--json` document, and the source of the text summary. */
interface InitResult {
  readonly cdkJson: string;
  /** The secret's key names, never their values. */
  readonly secret: { readonly id: string; readonly write: SecretWrite; readonly keys: readonly string[] };
  readonly manifestFile: string;
  readonly slackApp?: { readonly appId: string; readonly action: 'created' | 'updated'; readonly installUrl?: string };
  /** Plaintext-secret keys taken out of cdk.json (their values went into the secret). */
  readonly movedLegacyKeys: readonly string[];
  readonly nextSteps: readonly string[];
}

function renderInitResult(result: InitResult): string {
  const keys = result.secret.keys.length > 0 ? result.secret.keys.join(', ') : 'no Slack credentials yet';
  const lines = [
    `cdk.json       ${result.cdkJson}`,
    `secret         ${result.secret.id} (${result.secret.write}: ${keys})`,
    `manifest       ${result.manifestFile}`,
  ];
  if (result.slackApp) lines.push(`Slack app      ${result.slackApp.appId} (${result.slackApp.action})`);
  lines.push('', 'Next:', ...result.nextSteps.map((step, i) => `  ${i + 1}. ${step}`));
  return lines.join('\n');
}

export type { InitResult };
export { renderInitResult };
