import type { Command } from 'commander';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import { positiveInteger } from '../number-option';
import type { ApplyOptions } from '../operations/apply-plan';
import { REASON_FLAG } from '../reason-option';
import type { SetExitCode } from '.';

function registerApply(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('apply')
    .description('carry out a plan written by `remediate --plan` or `restore --plan`, unchanged')
    .argument('<plan-file>', 'the plan (JSON)')
    .option(...REASON_FLAG)
    .option('--dry-run', 'validate and show the plan, change nothing')
    .option('-y, --yes', 'do not ask for confirmation (needed when there is no terminal)')
    .option('--concurrency <n>', 'objects moved at once', positiveInteger, 8)
    .addHelpText(
      'after',
      '\nAn object that changed since the plan was made (ETag, size or version) is not moved: it is reported STALE.',
    )
    .action(async (file: string, options: ApplyOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { applyPlan } = require('../operations/apply-plan') as typeof import('../operations/apply-plan');
      setExitCode(await applyPlan(ctx, file, options));
    });
}

export { registerApply };
