import type { Command } from 'commander';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import type { SetExitCode } from '.';

function registerListSuppressions(list: Command, io: CliIO, setExitCode: SetExitCode): void {
  list
    .command('suppressions')
    .description('the Macie findings filters "Dismiss and suppress" made: what each archives, when, who and why')
    .action(async (_options: unknown, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { listSuppressions } =
        require('../operations/list-suppressions') as typeof import('../operations/list-suppressions');
      setExitCode(await listSuppressions(ctx));
    });
}

export { registerListSuppressions };
