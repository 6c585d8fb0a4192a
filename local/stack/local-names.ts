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
  sourceBucket: 'macie-remediate-local-data',
  quarantineBucket: 'macie-remediate-local-quarantine',
  ledgerTable: 'macie-remediate-local-ledger',
  channel: first(SLACK_DEFAULTS.channels, 'channel'),
  /** Approves: the demo clicks as alice. */
  approver: first(SLACK_DEFAULTS.users, 'first user'),
  /** In the channel, but not an approver. */
  bystander: first(SLACK_DEFAULTS.users.slice(1), 'second user'),
} as const;

export { LOCAL_NAMES };
