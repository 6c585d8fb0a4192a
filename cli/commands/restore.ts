import type { Command } from 'commander';
import { CommandContext } from '../context';
import { addQuarantinedFilterOptions } from '../findings/filter-options';
import type { CliIO } from '../io';
import { positiveInteger } from '../number-option';
import type { RestoreOptions } from '../operations/restore-findings';
import { REASON_FLAG } from '../reason-option';
import type { SetExitCode } from '.';

function registerRestore(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  const command = program
    .command('restore')
    .description('put quarantined objects back where they were found: by finding id, or by filters')
    .argument('[finding-id...]', 'finding ids (from `list quarantined`)');
  addQuarantinedFilterOptions(command)
    .option(...REASON_FLAG)
    .option('--dry-run', 'show what would be done, change nothing')
    .option('--plan <file>', 'write the exact plan to <file>; change nothing')
    .option('-y, --yes', 'do not ask for confirmation (needed when there is no terminal)')
    .option('--concurrency <n>', 'objects moved at once', positiveInteger, 8)
    .option('--force', 'overwrite an object that now exists at the original location')
    .addHelpText(
      'after',
      '\nAn object now at the original location is a CONFLICT, reported per object, and stays in quarantine.\n\nExamples:\n  macie-remediate restore 7b1e0c2f9a8d4e6b\n  macie-remediate restore --bucket payroll --since 1d --yes',
    )
    .action(async (ids: string[], options: RestoreOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { restoreFindings } =
        require('../operations/restore-findings') as typeof import('../operations/restore-findings');
      setExitCode(await restoreFindings(ctx, ids, options));
    });
}

export { registerRestore };
