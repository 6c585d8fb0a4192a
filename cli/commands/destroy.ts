import type { Command } from 'commander';
import { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIO } from '../io';
import type { SetExitCode } from './index';

function registerDestroy(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('destroy')
    .description('delete the stack; the quarantine bucket (with the quarantined objects) and the ledger are kept')
    .option('-y, --yes', 'do not ask for confirmation')
    .action(async (flags: { readonly yes?: boolean }, command: Command) => {
      const ctx = new CommandContext(io, command);
      const { runDestroy, renderDestroyReport } =
        require('../deploy/run-destroy') as typeof import('../deploy/run-destroy');
      const report = await runDestroy(ctx, { yes: flags.yes ?? false });
      ctx.output.result(report, () => renderDestroyReport(report));
      setExitCode(EXIT.OK);
    });
}

export { registerDestroy };
