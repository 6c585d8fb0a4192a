import type { Command } from 'commander';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import type { FindingJobKind, FindingJobOptions } from '../operations/finding-jobs';
import { REASON_FLAG } from '../reason-option';
import type { SetExitCode } from '.';

const COMMANDS: Readonly<
  Record<FindingJobKind, { readonly description: string; readonly ids: string; readonly example: string }>
> = {
  hold: {
    description:
      'put quarantined objects on S3 Object Lock legal hold: kept as evidence, not restorable until released',
    ids: 'finding ids (from `list quarantined`)',
    example: 'hold 7b1e0c2f9a8d4e6b --reason "legal case LC-42"',
  },
  release: {
    description: 'take the legal hold off quarantined objects, so they can be restored again',
    ids: 'finding ids (from `list quarantined`)',
    example: 'release 7b1e0c2f9a8d4e6b --reason "legal case LC-42 closed"',
  },
  exempt: {
    description:
      'tag objects as known and allowed (the exemption tag) and dismiss their findings: later findings of them are ignored (a reason is required)',
    ids: 'finding ids (from `list findings`)',
    example: 'exempt 7b1e0c2f9a8d4e6b --reason "synthetic test data, ticket SEC-9"',
  },
};

/** `hold`, `release` and `exempt`: a job per finding that moves nothing, one operation with the kind. */
function findingJobCommand(kind: FindingJobKind) {
  const words = COMMANDS[kind];
  return (program: Command, io: CliIO, setExitCode: SetExitCode): void => {
    program
      .command(kind)
      .description(words.description)
      .argument('<finding-id...>', words.ids)
      .option(...REASON_FLAG)
      .addHelpText('after', `\nExamples:\n  macie-remediate ${words.example}`)
      .action(async (ids: string[], options: FindingJobOptions, self: Command) => {
        const ctx = new CommandContext(io, self);
        const { runFindingJobs } = require('../operations/finding-jobs') as typeof import('../operations/finding-jobs');
        setExitCode(await runFindingJobs(ctx, kind, ids, options));
      });
  };
}

const registerHold = findingJobCommand('hold');
const registerRelease = findingJobCommand('release');
const registerExempt = findingJobCommand('exempt');

export { registerExempt, registerHold, registerRelease };
