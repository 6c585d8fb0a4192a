import type { Command } from 'commander';
import type { CliIO } from '../io';
import type { SetExitCode } from '.';
import { registerListFindings } from './list-findings';
import { registerListQuarantined } from './list-quarantined';

function registerList(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  const list = program.command('list').description('list Macie findings, or what is in quarantine');
  registerListFindings(list, io, setExitCode);
  registerListQuarantined(list, io, setExitCode);
}

export { registerList };
