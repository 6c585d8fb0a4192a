import type { Command } from 'commander';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import type { SetExitCode } from '.';

function registerHistory(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('history')
    .description("a finding's ledger record and every event on it (--json: the record)")
    .argument('<finding-id>', 'the finding')
    .action(async (findingId: string, _options: unknown, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { showHistory } = require('../operations/show-history') as typeof import('../operations/show-history');
      setExitCode(await showHistory(ctx, findingId));
    });
}

export { registerHistory };
