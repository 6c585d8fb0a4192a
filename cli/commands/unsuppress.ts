import type { Command } from 'commander';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import type { UnsuppressOptions } from '../operations/unsuppress';
import type { SetExitCode } from '.';

function registerUnsuppress(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('unsuppress')
    .description('delete suppressions (Macie findings filters) this tool made, so their findings are reported again')
    .argument('<name...>', 'suppression names (from `list suppressions`)')
    .option('-y, --yes', 'do not ask for confirmation (needed when there is no terminal)')
    .addHelpText(
      'after',
      '\nFindings a suppression already archived stay archived; later ones are reported again.\n\nExample:\n  macie-remediate unsuppress macie-remediate-payroll-1a2b3c4d --yes',
    )
    .action(async (names: string[], options: UnsuppressOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { unsuppress } = require('../operations/unsuppress') as typeof import('../operations/unsuppress');
      setExitCode(await unsuppress(ctx, names, options));
    });
}

export { registerUnsuppress };
