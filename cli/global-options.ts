import { type Command, Option } from 'commander';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * Options every command takes. The setting flags are those of the README's settings table; their values are
 * validated by the one settings loader (core/config), not here.
 */
function addGlobalOptions(program: Command): Command {
  return program
    .option('--region <region>', 'AWS Region (default: AWS_REGION or the profile)')
    .option('--profile <profile>', 'AWS named profile (default: AWS_PROFILE)')
    .option('--endpoint-url <url>', 'override every AWS endpoint (local stand-ins)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--no-color', 'no colors (also NO_COLOR)')
    .option('-q, --quiet', 'print only results and errors')
    .option('-v, --verbose', 'more detail, and stack traces for errors')
    .option('--stack <name>', 'stack name (MACIE_REMEDIATE_STACK)')
    .option('--quarantine-bucket <bucket>', 'quarantine bucket (MACIE_REMEDIATE_QUARANTINE_BUCKET)')
    .option('--ledger-table <table>', 'ledger table (MACIE_REMEDIATE_LEDGER_TABLE)')
    .option('--secret-id <id>', 'secret holding the Slack credentials (MACIE_REMEDIATE_SECRET_ID)')
    .option('--slack-channel <channel>', 'Slack channel id or name (MACIE_REMEDIATE_SLACK_CHANNEL)')
    .option('--slack-team-id <id>', 'Slack workspace id (MACIE_REMEDIATE_SLACK_TEAM_ID)')
    .option('--approver <user>', 'Slack user or user-group id allowed to approve (repeatable)', collect)
    .option('--source-bucket <bucket>', 'bucket in scope (repeatable; none = all)', collect)
    .option('--min-severity <level>', 'minimum severity: LOW, MEDIUM or HIGH')
    .option('--member-role-name <name>', 'role assumed in member accounts (MACIE_REMEDIATE_MEMBER_ROLE_NAME)')
    .addOption(
      new Option('--auto <type=action>', 'action per finding type, e.g. Financial=AUTO (repeatable)').argParser(
        collect,
      ),
    );
}

/** The global options as commander parses them. */
interface GlobalOptions {
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly json?: boolean;
  readonly color: boolean;
  readonly quiet?: boolean;
  readonly verbose?: boolean;
  readonly stack?: string;
  readonly quarantineBucket?: string;
  readonly ledgerTable?: string;
  readonly secretId?: string;
  readonly slackChannel?: string;
  readonly slackTeamId?: string;
  readonly approver?: string[];
  readonly sourceBucket?: string[];
  readonly minSeverity?: string;
  readonly memberRoleName?: string;
  readonly auto?: string[];
}

export type { GlobalOptions };
export { addGlobalOptions, collect };
