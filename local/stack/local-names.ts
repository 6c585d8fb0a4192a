import { DEFAULT_ACCOUNT } from '../macie/finding-base';
import { SLACK_DEFAULTS } from '../slack/slack-defaults';

function first<T>(items: readonly T[], what: string): T {
  const [item] = items;
  if (item === undefined) throw new Error(`SLACK_DEFAULTS has no ${what}`);
  return item;
}

/** The names the local stack creates and the settings it runs with. */
const LOCAL_NAMES = {
  region: 'us-east-1',
  /** s3rver's built-in key pair; dynalite and the Macie stand-in accept any. */
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  /** Whose those credentials are, as the STS stand-in tells: a user of the stand-ins' own account. */
  user: `arn:aws:iam::${DEFAULT_ACCOUNT}:user/macie-remediate-local`,
  sourceBucket: 'macie-remediate-local-data',
  quarantineBucket: 'macie-remediate-local-quarantine',
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
