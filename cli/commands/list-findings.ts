import type { Command } from 'commander';
import { CommandContext } from '../context';
import { addFilterOptions } from '../findings/filter-options';
import type { CliIO } from '../io';
import { positiveInteger } from '../number-option';
import type { ListFindingsOptions } from '../operations/list-findings';
import type { SetExitCode } from '.';

function registerListFindings(list: Command, io: CliIO, setExitCode: SetExitCode): void {
  const command = list
    .command('findings')
    .description('Macie sensitive-data findings, newest first, with the policy decision and the ledger state');
  addFilterOptions(command, { status: true, archived: true })
    .option('--limit <n>', 'at most n findings', positiveInteger)
    .addHelpText(
      'after',
      '\nExamples:\n  macie-remediate list findings --severity high --since 7d\n  macie-remediate list findings --type Financial,Credentials --status new --json',
    )
    .action(async (options: ListFindingsOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { listFindings } = require('../operations/list-findings') as typeof import('../operations/list-findings');
      setExitCode(await listFindings(ctx, options));
    });
}

export { registerListFindings };
