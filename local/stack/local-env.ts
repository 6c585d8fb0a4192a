import { DEFAULT_ACCOUNT } from '../macie/finding-base';
import { LOCAL_NAMES } from './local-names';

interface LocalUrls {
  readonly s3: string;
  readonly dynamodb: string;
  readonly macie: string;
  /** The Security Hub stand-in, where the Macie stand-in publishes its findings. */
  readonly securityHub: string;
  readonly sts: string;
  /** Account names (Organizations DescribeAccount), for messages and tables. */
  readonly organizations: string;
  /** The Slack stand-in's Web API base (`…/api/`). */
  readonly slackApi: string;
  /** The remediation API (`serve`'s door): `POST /slack/actions`. */
  readonly remediationApi: string;
  /** The local Slack channel in a browser. */
  readonly slackPage: string;
  /** The reconciler's schedule: `POST /run` reconciles now (`macie-remediate local reconcile`). */
  readonly reconciler: string;
}

/**
 * The environment that points every door at the local stack: the SDK's own endpoint variables, Slack's own
 * variables and the settings of the README. There is no local Secrets Manager: the Slack credentials
 * travel as SLACK_* variables, which every door reads before the secret.
 */
function localEnv(urls: LocalUrls, slack: { botToken: string; signingSecret: string }): Record<string, string> {
  return {
    AWS_REGION: LOCAL_NAMES.region,
    AWS_ACCESS_KEY_ID: LOCAL_NAMES.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_NAMES.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_S3: urls.s3,
    AWS_ENDPOINT_URL_DYNAMODB: urls.dynamodb,
    AWS_ENDPOINT_URL_MACIE2: urls.macie,
    AWS_ENDPOINT_URL_SECURITYHUB: urls.securityHub,
    AWS_ENDPOINT_URL_STS: urls.sts,
    AWS_ENDPOINT_URL_ORGANIZATIONS: urls.organizations,
    SLACK_API_URL: urls.slackApi,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    // The stand-ins' account, named as the stack names its own to its Lambdas (the STS stand-in agrees).
    MACIE_REMEDIATE_ACCOUNT_ID: DEFAULT_ACCOUNT,
    MACIE_REMEDIATE_MEMBER_ACCOUNTS: LOCAL_NAMES.member.account,
    MACIE_REMEDIATE_QUARANTINE_BUCKET: LOCAL_NAMES.quarantineBucket,
    // What the deployed remediator is given: the key that seals objects and encrypts quarantined copies.
    MACIE_REMEDIATE_QUARANTINE_KMS_KEY_ID: LOCAL_NAMES.quarantineKeyArn,
    MACIE_REMEDIATE_LEDGER_TABLE: LOCAL_NAMES.ledgerTable,
    MACIE_REMEDIATE_SLACK_CHANNEL: LOCAL_NAMES.channel.id,
    MACIE_REMEDIATE_SLACK_APPROVERS: LOCAL_NAMES.approver.id,
    MACIE_REMEDIATE_EXEMPT_PREFIXES: JSON.stringify({ [LOCAL_NAMES.sourceBucket]: [LOCAL_NAMES.exemptPrefix] }),
  };
}

export type { LocalUrls };
export { localEnv };
