import { PassThrough, type Readable, Writable } from 'node:stream';
import type { CommandFactory } from '../../../cli/context';
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
  /** The clock or SDK clients the commands use instead of the real ones. */
  readonly factory?: Partial<CommandFactory>;
}

/** Where a run's output goes: streams that keep what was written as `text`. */
interface CapturedStreams {
  readonly stdout: Writable & { readonly text: string };
  readonly stderr: Writable & { readonly text: string };
  readonly stdin: Readable;
}

/**
 * Runs the CLI in this process through `main(args, io)` on the given streams, and reports what they
 * captured: the one way both a plain run and the pretend terminal (test/cli/support/terminal.ts) hand the CLI its io.
 */
async function runOn(
  streams: CapturedStreams,
  interactive: boolean,
  args: readonly string[],
  options: Pick<RunOptions, 'env' | 'cwd' | 'factory'>,
): Promise<CliRun> {
  const { stdout, stderr, stdin } = streams;
  const io: CliIO = {
    stdout,
    stderr,
    stdin,
    interactive,
    env: options.env,
    cwd: options.cwd,
    ...(options.factory ? { factory: options.factory } : {}),
  };
  const code = await main(args, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the CLI with captured output and no input, as a script or CI job would (unless told otherwise). */
function runCli(args: readonly string[], options: RunOptions): Promise<CliRun> {
  const streams = { stdout: new Capture(options.tty), stderr: new Capture(options.tty), stdin: new PassThrough() };
  return runOn(streams, options.interactive ?? false, args, options);
}

export type { CliRun, RunOptions };
export { runCli, runOn };
