import type { Command } from 'commander';
import { CommandContext } from '../context';
import { addQuarantinedFilterOptions } from '../findings/filter-options';
import type { FilterOptions } from '../findings/finding-filters';
import type { CliIO } from '../io';
import type { SetExitCode } from '.';

function registerListQuarantined(list: Command, io: CliIO, setExitCode: SetExitCode): void {
  addQuarantinedFilterOptions(
    list.command('quarantined').description('what is in quarantine now: from where, when, by whom (from the ledger)'),
  ).action(async (options: FilterOptions, self: Command) => {
    const ctx = new CommandContext(io, self);
    const { listQuarantined } =
      require('../operations/list-quarantined') as typeof import('../operations/list-quarantined');
    setExitCode(await listQuarantined(ctx, options));
  });
}

export { registerListQuarantined };
