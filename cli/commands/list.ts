import type { Command } from 'commander';
import type { CliIO } from '../io';
import type { SetExitCode } from '.';
import { registerListFindings } from './list-findings';
import { registerListQuarantined } from './list-quarantined';
import { registerListSuppressions } from './list-suppressions';

function registerList(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  const list = program
    .command('list')
    .description('list Macie findings, what is in quarantine, or the suppressions made');
  registerListFindings(list, io, setExitCode);
  registerListQuarantined(list, io, setExitCode);
  registerListSuppressions(list, io, setExitCode);
}

export { registerList };
