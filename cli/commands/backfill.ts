import type { Command } from 'commander';
import { DEFAULT_MACIE_RATE } from '../../core/aws/rate-limiter';
import { CommandContext } from '../context';
import { addFilterOptions } from '../findings/filter-options';
import type { CliIO } from '../io';
import { positiveInteger, positiveNumber } from '../number-option';
import type { BackfillOptions } from '../operations/backfill-findings';
import type { SetExitCode } from '.';

function registerBackfill(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  const command = program
    .command('backfill')
    .description(
      'run historical findings through the live policy: AUTO ones are quarantined, REVIEW ones get their Slack message',
    );
  addFilterOptions(command, { archived: true })
    .option('--dry-run', 'say what would be done; change nothing, write no checkpoint')
    .option('--resume', 'continue an interrupted backfill from its checkpoint (with its filters)')
    .option('--restart', 'discard a leftover checkpoint and start over')
    .option('--checkpoint <file>', 'checkpoint file (default: .macie-remediate-backfill.json here)')
    .option('--concurrency <n>', 'findings handled at once', positiveInteger, 8)
    .option('--macie-rate <n>', 'Macie requests a second (bursts of twice that)', positiveNumber, DEFAULT_MACIE_RATE)
    .addHelpText(
      'after',
      '\nMacie keeps findings for 90 days. Runs are idempotent through the ledger: a second run moves and announces nothing new.\nA checkpoint is written after each page of 50 findings; Ctrl-C finishes the findings in flight and keeps it.\n\nExamples:\n  macie-remediate backfill --since 90d --dry-run\n  macie-remediate backfill --since 90d --severity medium+\n  macie-remediate backfill --resume',
    )
    .action(async (options: BackfillOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { backfillFindings } =
        require('../operations/backfill-findings') as typeof import('../operations/backfill-findings');
      setExitCode(await backfillFindings(ctx, options));
    });
}

export { registerBackfill };
