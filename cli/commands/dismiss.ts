import type { Command } from 'commander';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import type { DismissOptions } from '../operations/dismiss-findings';
import { REASON_FLAG } from '../reason-option';
import type { SetExitCode } from '.';

function registerDismiss(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('dismiss')
    .description('dismiss findings awaiting review, as Dismiss in Slack does: the objects stay where they are')
    .argument('<finding-id...>', 'finding ids (from `list findings --status awaiting_review`)')
    .option(...REASON_FLAG)
    .addHelpText(
      'after',
      '\nExamples:\n  macie-remediate dismiss 7b1e0c2f9a8d4e6b --reason "test data, ticket SEC-123"',
    )
    .action(async (ids: string[], options: DismissOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { dismissFindings } =
        require('../operations/dismiss-findings') as typeof import('../operations/dismiss-findings');
      setExitCode(await dismissFindings(ctx, ids, options));
    });
}

export { registerDismiss };
