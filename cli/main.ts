import { Command, CommanderError } from 'commander';
import { RemediateError } from '../core/errors';
// An import, not a require: the compiled build (dist/) then carries package.json at the same relative place.
import { version as VERSION } from '../package.json';
import { registerCommands } from './commands';
import { EXIT } from './exit-codes';
import { addGlobalOptions } from './global-options';
import { type CliIO, processIO } from './io';
import { terminalText } from './render/terminal-text';

/**
 * Runs the CLI and resolves the exit code; only bin/ sets process.exitCode. Commands resolve their
 * own code (0/1); user errors anywhere become one line on stderr and exit code 2.
 */
/** @param args the arguments after the program name (`process.argv.slice(2)`). */
async function main(args: readonly string[], io: CliIO = processIO()): Promise<number> {
  let exitCode: number = EXIT.OK;
  const program = addGlobalOptions(new Command('macie-remediate'))
    .description('Quarantine S3 objects that Amazon Macie found sensitive data in: from Slack, or from here.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    })
    .exitOverride();
  registerCommands(program, io, (code) => {
    exitCode = code;
  });
  program.commands.forEach((command) => {
    command.exitOverride();
  });

  try {
    await program.parseAsync([...args], { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(err, io, args.includes('--verbose') || args.includes('-v'));
  }
}

function reportError(err: unknown, io: CliIO, verbose: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version arrive here as "errors" with exit code 0.
    return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (RemediateError.isUserError(err)) {
    io.stderr.write(`error: ${errorText(err)}\n`);
    if (verbose && err.stack) io.stderr.write(`${stackText(err.stack)}\n`);
    return EXIT.USAGE;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`error: ${terminalText(message)}\n`);
  io.stderr.write(
    verbose && err instanceof Error && err.stack ? `${stackText(err.stack)}\n` : '(run with --verbose for details)\n',
  );
  return EXIT.FAILED;
}

/**
 * An error's message for the terminal: messages quote keys, ids and S3's answers, so each is escaped to
 * one line; only a configuration error with several problems lists them on lines of their own (each escaped).
 */
function errorText(err: RemediateError): string {
  const problems = (err as { problems?: unknown }).problems;
  if (err.code !== 'CONFIG_INVALID' || !Array.isArray(problems)) return terminalText(err.message);
  if (problems.length === 1) return `Invalid configuration: ${terminalText(String(problems[0]))}`;
  return ['Invalid configuration:', ...problems.map((p) => `  - ${terminalText(String(p))}`)].join('\n');
}

/** A stack (--verbose) line by line: its first line is the message. */
const stackText = (stack: string): string => stack.split('\n').map(terminalText).join('\n');

export { main };
