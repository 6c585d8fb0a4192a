import type { Command } from 'commander';
import type { CliIO } from '../io';
import { registerApply } from './apply';
import { registerAudit } from './audit';
import { registerBackfill } from './backfill';
import { registerDemo } from './demo';
import { registerDeploy } from './deploy';
import { registerDestroy } from './destroy';
import { registerDismiss } from './dismiss';
import { registerExempt, registerHold, registerRelease } from './finding-jobs';
import { registerHistory } from './history';
import { registerInit } from './init';
import { registerList } from './list';
import { registerLocal } from './local';
import { registerRemediate } from './remediate';
import { registerRestore } from './restore';
import { registerServe } from './serve';
import { registerStatus } from './status';
import { registerUnsuppress } from './unsuppress';

/** Sets the process exit code from a command's result. */
type SetExitCode = (code: number) => void;

/**
 * Every command, declared once. Each `register*` adds its commander command; its action loads the
 * heavy modules (AWS SDK, Slack client) lazily so `--help` stays fast.
 */
function registerCommands(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  // Order is the order of `--help`: daily work first, then serving, set-up and trying it out.
  for (const register of [
    registerList,
    registerRemediate,
    registerApply,
    registerRestore,
    registerDismiss,
    registerExempt,
    registerHold,
    registerRelease,
    registerUnsuppress,
    registerBackfill,
    registerHistory,
    registerAudit,
    registerServe,
    registerInit,
    registerDeploy,
    registerDestroy,
    registerStatus,
    registerDemo,
    registerLocal,
  ]) {
    register(program, io, setExitCode);
  }
}

export type { SetExitCode };
export { registerCommands };
