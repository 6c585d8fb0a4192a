import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SlackCredentials } from '../../core/types/settings';
import { readStoredSecret } from '../init/slack-secret-store';
import { fail, pass, reasonOf, type StatusCheck } from './status-check';

const CHECK = 'secret';

/** The Slack secret exists and is complete: a signing secret (to verify clicks) and a way to post. */
async function checkSecret(
  secrets: SecretsManagerClient,
  secretId: string,
): Promise<{ result: StatusCheck; credentials?: SlackCredentials }> {
  let stored: Awaited<ReturnType<typeof readStoredSecret>>;
  try {
    stored = await readStoredSecret(secrets, secretId);
  } catch (err) {
    return { result: fail(CHECK, reasonOf(err)) };
  }
  if (!stored.exists) return { result: fail(CHECK, `${secretId} not found: run macie-remediate init`) };
  if (stored.problem) return { result: fail(CHECK, `${stored.problem}: run macie-remediate init`) };
  const { credentials } = stored;
  const missing = [
    ...(credentials.signingSecret ? [] : ['signingSecret']),
    ...(credentials.botToken || credentials.webhookUrl ? [] : ['botToken or webhookUrl']),
  ];
  if (missing.length > 0)
    return {
      result: fail(CHECK, `${secretId} lacks ${missing.join(' and ')}: run macie-remediate init`),
      credentials,
    };
  const keys = Object.keys(credentials).join(', ');
  return { result: pass(CHECK, `${secretId} holds ${keys}`), credentials };
}

export { checkSecret };
