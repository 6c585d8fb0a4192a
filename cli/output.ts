import type { Logger } from '../core/types/runtime';
import type { CliIO } from './io';
import { terminalText } from './render/terminal-text';

/**
 * Where a command writes. Results go to stdout (exactly one JSON document with --json); progress,
 * notes and warnings go to stderr, so pipes stay clean. `--quiet` keeps only results and errors.
 * Warnings and debug lines quote keys and error messages: they are escaped here, one line each
 * (terminal-text.ts); `info` takes the CLI's own words or text a renderer has already escaped.
 */
class Output {
  readonly json: boolean;
  readonly color: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  private readonly io: CliIO;

  constructor(io: CliIO, options: { json?: boolean; color?: boolean; quiet?: boolean; verbose?: boolean }) {
    this.io = io;
    this.json = options.json ?? false;
    this.quiet = options.quiet ?? false;
    this.verbose = options.verbose ?? false;
    const noColorEnv = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
    const tty = Boolean((io.stderr as { isTTY?: boolean }).isTTY);
    this.color = (options.color ?? true) && !noColorEnv && tty;
  }

  /** The command's result: a JSON document in --json mode, the rendered text otherwise. */
  result(document: unknown, render: () => string): void {
    if (this.json) this.io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    else this.io.stdout.write(ensureNewline(render()));
  }

  /** The CLI's own words, or text from cli/render (escaped there: it may carry the CLI's own colours). */
  info(message: string): void {
    if (!this.quiet) this.io.stderr.write(ensureNewline(message));
  }

  warn(message: string): void {
    this.io.stderr.write(`warning: ${terminalText(message)}\n`);
  }

  debug(message: string): void {
    if (this.verbose) this.io.stderr.write(`${terminalText(message)}\n`);
  }

  /** Whether a progress bar may draw: a terminal on stderr, and neither --quiet nor --json... on a pipe. */
  get progressAllowed(): boolean {
    return !this.quiet && Boolean((this.io.stderr as { isTTY?: boolean }).isTTY);
  }
}

const ensureNewline = (s: string): string => (s.endsWith('\n') ? s : `${s}\n`);

const describe = (message: string, fields?: Readonly<Record<string, unknown>>): string =>
  fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message;

/** The core's logger on the terminal: warnings and errors always (stderr), the rest with --verbose. */
function outputLogger(output: Output): Logger {
  return {
    debug: (message, fields) => output.debug(describe(message, fields)),
    info: (message, fields) => output.debug(describe(message, fields)),
    warn: (message, fields) => output.warn(describe(message, fields)),
    error: (message, fields) => output.warn(describe(message, fields)),
  };
}

export { Output, outputLogger };
