import type { Command } from 'commander';
import { collect } from '../global-options';

const ACCOUNT_HELP = 'objects of this AWS account (12 digits); repeatable';

/** The finding-selection flags, shared by `list findings`, `remediate`, `restore` and `backfill`. */
function addFilterOptions(
  command: Command,
  options: { readonly status?: boolean; readonly archived?: boolean } = {},
): Command {
  command
    .option('--type <type>', 'finding type, short (Financial) or full; repeatable or comma-separated', collect)
    .option('--severity <level>', 'Low, Medium or High (any case; Medium+ = at least Medium); repeatable', collect)
    .option('--bucket <bucket>', 'source bucket; repeatable', collect)
    .option('--account <id>', ACCOUNT_HELP, collect)
    .option('--since <when>', 'created at or after: 2026-09-01, 2026-09-01T12:00:00Z, or an age like 90d, 12h')
    .option('--until <when>', 'created before (same forms as --since)');
  if (options.status) {
    command.option(
      '--status <state>',
      'ledger state (awaiting_review, quarantined, failed, ..., new = not in the ledger); repeatable',
      collect,
    );
  }
  if (options.archived) command.option('--include-archived', 'also archived (suppressed) findings');
  return command;
}

/** The flags that select quarantined findings from the ledger (`restore`, `list quarantined`): dates bound when they were quarantined. */
function addQuarantinedFilterOptions(command: Command): Command {
  return command
    .option('--bucket <bucket>', 'objects from this source bucket; repeatable', collect)
    .option('--account <id>', ACCOUNT_HELP, collect)
    .option('--type <type>', 'finding type (Financial, ...); repeatable', collect)
    .option('--severity <level>', 'Low, Medium or High (Medium+ = at least Medium); repeatable', collect)
    .option('--since <when>', 'quarantined at or after: 2026-09-01, or an age like 7d, 12h')
    .option('--until <when>', 'quarantined before (same forms as --since)');
}

export { addFilterOptions, addQuarantinedFilterOptions };
