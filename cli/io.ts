import type { Readable, Writable } from 'node:stream';
import type { CommandFactory } from './context';

/** The process edges a command may touch; tests pass their own. */
interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly stdin: Readable;
  /** Prompts only when both stdin and stdout are terminals. */
  readonly interactive: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** What a test makes differently (the clock, the SDK clients); the rest is the real thing. */
  readonly factory?: Partial<CommandFactory>;
}

function processIO(): CliIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

export type { CliIO };
export { processIO };
