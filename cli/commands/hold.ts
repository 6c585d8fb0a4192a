import type { Command } from 'commander';
import type { LegalHoldKind } from '../../core/ledger/finding-state';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import type { LegalHoldOptions } from '../operations/legal-hold-findings';
import { REASON_FLAG } from '../reason-option';
import type { SetExitCode } from '.';

const DESCRIPTIONS: Readonly<Record<LegalHoldKind, string>> = {
  hold: 'put quarantined objects on S3 Object Lock legal hold: kept as evidence, not restorable until released',
  release: 'take the legal hold off quarantined objects, so they can be restored again',
};

/** `hold` and `release`: the two halves of one legal hold, one operation with the kind. */
function legalHoldCommand(kind: LegalHoldKind) {
  return (program: Command, io: CliIO, setExitCode: SetExitCode): void => {
    program
      .command(kind)
      .description(DESCRIPTIONS[kind])
      .argument('<finding-id...>', 'finding ids (from `list quarantined`)')
      .option(...REASON_FLAG)
      .addHelpText('after', `\nExamples:\n  macie-remediate ${kind} 7b1e0c2f9a8d4e6b --reason "legal case LC-42"`)
      .action(async (ids: string[], options: LegalHoldOptions, self: Command) => {
        const ctx = new CommandContext(io, self);
        const { legalHoldFindings } =
          require('../operations/legal-hold-findings') as typeof import('../operations/legal-hold-findings');
        setExitCode(await legalHoldFindings(ctx, kind, ids, options));
      });
  };
}

const registerHold = legalHoldCommand('hold');
const registerRelease = legalHoldCommand('release');

export { registerHold, registerRelease };
