import { PassThrough, Writable } from 'node:stream';
import type { CliIO } from '../../../cli/io';
import { main } from '../../../cli/main';

/** A writable that keeps what was written; `isTTY` makes renderers draw as on a terminal. */
class Capture extends Writable {
  text = '';
  readonly isTTY: boolean;

  constructor(isTTY = false) {
    super();
    this.isTTY = isTTY;
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface RunOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** A terminal on both ends: prompts may ask. @default false */
  readonly interactive?: boolean;
  /** stdout/stderr report isTTY (tables boxed, progress drawn). @default false */
  readonly tty?: boolean;
}

/** Runs the CLI in this process through `main(args, io)`, with captured output. */
async function runCli(args: readonly string[], options: RunOptions): Promise<CliRun> {
  const stdout = new Capture(options.tty);
  const stderr = new Capture(options.tty);
  const io: CliIO = {
    stdout,
    stderr,
    stdin: new PassThrough(),
    interactive: options.interactive ?? false,
    env: options.env,
    cwd: options.cwd,
  };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

export type { CliRun, RunOptions };
export { runCli };
