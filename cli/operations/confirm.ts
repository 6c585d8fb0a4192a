import type { CliIO } from '../io';

/**
 * Asks yes/no on the terminal (default no). The prompt draws on stderr, so stdout keeps only the
 * result. Ctrl-C at the prompt is a "no". Callers ask only when `io.interactive`.
 */
async function confirm(io: CliIO, message: string): Promise<boolean> {
  const prompts = require('@inquirer/prompts') as typeof import('@inquirer/prompts');
  try {
    return await prompts.confirm({ message, default: false }, { input: io.stdin, output: io.stderr });
  } catch (err) {
    if (err instanceof Error && err.name === 'ExitPromptError') return false;
    throw err;
  }
}

export { confirm };
