import type { Command } from 'commander';
import type { CliIO } from '../io';
import { registerApply } from './apply';
import { registerAudit } from './audit';
import { registerBackfill } from './backfill';
import { registerDemo } from './demo';
import { registerDeploy } from './deploy';
import { registerDestroy } from './destroy';
import { registerHistory } from './history';
import { registerInit } from './init';
import { registerList } from './list';
import { registerLocal } from './local';
import { registerRemediate } from './remediate';
import { registerRestore } from './restore';
import { registerServe } from './serve';
import { registerStatus } from './status';

/** Sets the process exit code from a command's result. */
type SetExitCode = (code: number) => void;

/**
 * Every command, declared once. Each `register*` adds its commander command; its action loads the
 * heavy modules (AWS SDK, Slack client) lazily so `--help` stays fast.
 */
function registerCommands(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  void program;
  void io;
  void setExitCode;
  registerServe(program, io, setExitCode);
  registerInit(program, io, setExitCode);
  registerDeploy(program, io, setExitCode);
  registerDestroy(program, io, setExitCode);
  registerStatus(program, io, setExitCode);
  registerDemo(program, io, setExitCode);
  registerLocal(program, io, setExitCode);
  registerRemediate(program, io, setExitCode);
  registerList(program, io, setExitCode);
  registerApply(program, io, setExitCode);
  registerRestore(program, io, setExitCode);
  registerBackfill(program, io, setExitCode);
  registerHistory(program, io, setExitCode);
  registerAudit(program, io, setExitCode);
}

export type { SetExitCode };
export { registerCommands };
