import type { Command } from 'commander';
import { CommandContext } from '../context';
import { addFilterOptions } from '../findings/filter-options';
import type { CliIO } from '../io';
import { positiveInteger, remediationAction } from '../number-option';
import type { RemediateOptions } from '../operations/remediate-findings';
import { REASON_FLAG } from '../reason-option';
import type { SetExitCode } from '.';

function registerRemediate(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  const command = program
    .command('remediate')
    .description(
      'remediate the objects of findings (quarantine, seal in place or tag), by id or by filters: shows the plan, asks, acts, reports',
    )
    .argument('[finding-id...]', 'Macie finding ids (the ledger record, else Macie, says which object)');
  addFilterOptions(command, { status: true, archived: true })
    .option(
      '--action <action>',
      "QUARANTINE, SEAL (re-encrypt in place with the quarantine key) or TAG, instead of the policy's (remediationActions)",
      remediationAction,
    )
    .option('--include-ignored', 'with filters: also findings the policy ignores (below minimum severity, ...)')
    .option(...REASON_FLAG)
    .option('--dry-run', 'show what would be done, change nothing')
    .option('--plan <file>', 'write the exact plan (objects, versions, sizes, targets) to <file>; change nothing')
    .option(
      '-y, --yes',
      'do not ask for confirmation (needed when there is no terminal); the plan then does not look at the objects, each move does',
    )
    .option('--concurrency <n>', 'objects moved at once', positiveInteger, 8)
    .option('--force', 'quarantine objects that changed since the scan too')
    .addHelpText(
      'after',
      '\nExamples:\n  macie-remediate remediate 7b1e0c2f9a8d4e6b --yes\n  macie-remediate remediate --bucket payroll --severity high --since 30d\n  macie-remediate remediate 7b1e0c2f9a8d4e6b --action seal --yes\n  macie-remediate remediate --type Financial --plan plan.json && macie-remediate apply plan.json',
    )
    .action(async (ids: string[], options: RemediateOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { remediateFindings } =
        require('../operations/remediate-findings') as typeof import('../operations/remediate-findings');
      setExitCode(await remediateFindings(ctx, ids, options));
    });
}

export { registerRemediate };
