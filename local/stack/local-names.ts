import { DEFAULT_ACCOUNT } from '../macie/finding-base';
import { SLACK_DEFAULTS } from '../slack/slack-defaults';

function first<T>(items: readonly T[], what: string): T {
  const [item] = items;
  if (item === undefined) throw new Error(`SLACK_DEFAULTS has no ${what}`);
  return item;
}

const REGION = 'us-east-1';

/** The names the local stack creates and the settings it runs with. */
const LOCAL_NAMES = {
  region: REGION,
  /** s3rver's built-in key pair; dynalite and the Macie stand-in accept any. */
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  /** Whose those credentials are, as the STS stand-in tells: a user of the stand-ins' own account. */
  user: `arn:aws:iam::${DEFAULT_ACCOUNT}:user/macie-remediate-local`,
  sourceBucket: 'macie-remediate-local-data',
  quarantineBucket: 'macie-remediate-local-quarantine',
  /**
   * The quarantine KMS key the engine seals with, in the stack's Region (the engine refuses a key of another).
   * No KMS runs here: s3rver records the key on what it writes (start-s3rver.ts), encrypting nothing.
   */
  quarantineKeyArn: `arn:aws:kms:${REGION}:${DEFAULT_ACCOUNT}:key/0c0ffee0-5ea1-4d00-9000-10ca15ea1ed0`,
  /** Test fixtures, exempt by policy (exemptPrefixes): Macie's findings on them are recorded IGNORED. */
  exemptPrefix: 'fixtures/',
  ledgerTable: 'macie-remediate-local-ledger',
  /** A member account of the organisation: its bucket is reached only through its member role. */
  member: { account: '222233334444', name: 'Payroll', bucket: 'macie-remediate-local-payroll' },
  /** The member role's name: the settings' default, which the member stack defines. */
  memberRoleName: 'MacieRemediateMember',
  channel: first(SLACK_DEFAULTS.channels, 'channel'),
  /** Approves: the demo clicks as alice. */
  approver: first(SLACK_DEFAULTS.users, 'first user'),
  /** In the channel, but not an approver. */
  bystander: first(SLACK_DEFAULTS.users.slice(1), 'second user'),
} as const;

export { LOCAL_NAMES };
