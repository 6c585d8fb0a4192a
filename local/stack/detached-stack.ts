import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { logPath, readState, removeState, type StackState } from './state-file';

/** How long `local up` waits for the stack to report ready, and `local down` for it to exit. */
const WAIT_MS = 30_000;

/** The stack's process entry: its source through tsx in a clone, compiled JavaScript in the installed package. */
const runLocalStack = require.resolve('./run-local-stack');
const RUN_LOCAL_STACK = runLocalStack.endsWith('.ts')
  ? ['--require', require.resolve('tsx/cjs'), runLocalStack]
  : [runLocalStack];

/**
 * Starts the local stack in a detached process that outlives this one; resolves once it reports ready.
 * It runs under `--openssl-legacy-provider`, which s3rver's continuation tokens (DES) need for paginated
 * listings. Its logs go to local.log in the state directory.
 */
async function startDetachedStack(stateDir: string): Promise<StackState> {
  mkdirSync(stateDir, { recursive: true, mode: 0o700 });
  const log = openSync(logPath(stateDir), 'a');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', ...RUN_LOCAL_STACK, stateDir], {
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  closeSync(log);
  try {
    return await new Promise<StackState>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answer within ${WAIT_MS / 1000} s`)), WAIT_MS);
      child.once('message', (message: { ready?: StackState; failed?: string }) => {
        clearTimeout(timer);
        if (message.ready) resolve(message.ready);
        else reject(new Error(message.failed ?? 'it reported neither ready nor a failure'));
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`it exited with code ${code}`));
      });
    });
  } catch (err) {
    if (child.exitCode === null) child.kill('SIGTERM');
    throw new Error(`the local stack did not start: ${(err as Error).message}; see ${logPath(stateDir)}`);
  } finally {
    child.removeAllListeners();
    if (child.connected) child.disconnect();
    child.unref();
  }
}

/** Whether a process of this host runs: signal 0 checks without sending anything. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive, but someone else's (a recycled pid).
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Exited, but not yet reaped: a container whose first process never reaps orphans keeps them so. Linux
 * shows it in /proc; elsewhere init reaps orphans.
 */
function isZombie(pid: number): boolean {
  try {
    return / Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^\d+ \(.*\)/s, ''));
  } catch {
    return false;
  }
}

/** Gone, or a zombie: its work is over either way. */
const hasExited = (pid: number): boolean => !isRunning(pid) || isZombie(pid);

/** The recorded stack if it still answers: its process lives and its remediation API says healthy. */
async function runningStack(stateDir: string): Promise<StackState | undefined> {
  const state = readState(stateDir);
  if (!state || !isRunning(state.pid)) return undefined;
  try {
    const health = await fetch(`${state.urls.remediationApi}/healthz`, { signal: AbortSignal.timeout(2000) });
    return health.ok ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stops the recorded stack (SIGTERM: it finishes running jobs and closes its stores) and waits until its
 * process is gone. Another process's pid is never signalled: the stack must answer its health check first.
 * Resolves to the state that was stopped, or undefined when none was running.
 */
async function stopDetachedStack(stateDir: string): Promise<StackState | undefined> {
  const state = await runningStack(stateDir);
  if (!state) {
    removeState(stateDir);
    return undefined;
  }
  process.kill(state.pid, 'SIGTERM');
  // Not our child, so no exit event to wait on: watch the pid.
  for (const started = Date.now(); !hasExited(state.pid); await sleep(50)) {
    if (Date.now() - started > WAIT_MS) throw new Error(`the local stack (pid ${state.pid}) did not stop in time`);
  }
  removeState(stateDir);
  return state;
}

export { hasExited, isRunning, runningStack, startDetachedStack, stopDetachedStack };
