import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalUrls } from './local-env';

/** What a running `local up` stack leaves in its state directory, for `local down` and a second `local up`. */
interface StackState {
  readonly pid: number;
  readonly startedAt: string;
  readonly stateDir: string;
  readonly urls: LocalUrls;
  readonly env: Readonly<Record<string, string>>;
}

const STATE_FILE = 'state.json';
const LOG_FILE = 'local.log';

const statePath = (stateDir: string): string => join(stateDir, STATE_FILE);
const logPath = (stateDir: string): string => join(stateDir, LOG_FILE);

/** The recorded state, or undefined when there is none (never started, stopped, or unreadable). */
function readState(stateDir: string): StackState | undefined {
  try {
    const state = JSON.parse(readFileSync(statePath(stateDir), 'utf8')) as Partial<StackState>;
    return typeof state.pid === 'number' && state.urls && state.env ? (state as StackState) : undefined;
  } catch {
    return undefined;
  }
}

function writeState(state: StackState): void {
  writeFileSync(statePath(state.stateDir), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

function removeState(stateDir: string): void {
  rmSync(statePath(stateDir), { force: true });
}

export type { StackState };
export { logPath, readState, removeState, statePath, writeState };
