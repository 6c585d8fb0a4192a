import type { CliIO } from './io';

/** A prompt validator: what is wrong with the value, or undefined when it is fine. */
type Validate = (value: string) => string | undefined;

interface Choice<T extends string> {
  readonly value: T;
  readonly name: string;
}

/** The four kinds of question init asks, on the command's own streams (questions go to stderr, not stdout). */
interface TerminalPrompts {
  text(message: string, options: { default?: string; validate: Validate }): Promise<string>;
  /** Masked: a secret is never echoed. */
  secret(message: string, validate: Validate): Promise<string>;
  choose<T extends string>(message: string, choices: readonly Choice<T>[], initial?: T): Promise<T>;
  confirm(message: string, initial: boolean): Promise<boolean>;
}

/** @inquirer/prompts, loaded on first use (ESM, and only interactive runs need it). */
function terminalPrompts(io: CliIO): TerminalPrompts {
  const prompts = require('@inquirer/prompts') as typeof import('@inquirer/prompts');
  const context = { input: io.stdin, output: io.stderr };
  const check = (validate: Validate) => (value: string) => validate(value) ?? true;
  return {
    text: (message, options) =>
      prompts.input({ message, default: options.default, validate: check(options.validate) }, context),
    secret: (message, validate) => prompts.password({ message, mask: '*', validate: check(validate) }, context),
    choose: (message, choices, initial) =>
      prompts.select({ message, choices: choices.map((c) => ({ ...c })), default: initial }, context),
    confirm: (message, initial) => prompts.confirm({ message, default: initial }, context),
  };
}

/**
 * A yes/no question before a change (default no), for commands other than init. Ctrl-C at the prompt
 * is a "no". Callers ask only when `io.interactive`.
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

export type { Choice, TerminalPrompts, Validate };
export { confirm, terminalPrompts };
