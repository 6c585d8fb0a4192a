import { Chalk, type ChalkInstance } from 'chalk';
import type { CliIO } from '../io';
import type { Output } from '../output';

/**
 * How text renders on one stream: boxed tables on a terminal, borderless aligned columns in a pipe or
 * a log (scripts use --json); colors only on a terminal, and never with --no-color or NO_COLOR.
 */
interface RenderStyle {
  readonly boxed: boolean;
  readonly color: boolean;
}

const isTerminal = (stream: unknown): boolean => Boolean((stream as { isTTY?: boolean }).isTTY);

/** Styles for results (stdout) and for notes such as the plan shown before confirming (stderr). */
function renderStyles(io: CliIO, output: Output): { readonly stdout: RenderStyle; readonly stderr: RenderStyle } {
  return {
    stdout: { boxed: isTerminal(io.stdout), color: output.color && isTerminal(io.stdout) },
    stderr: { boxed: isTerminal(io.stderr), color: output.color },
  };
}

/** A chalk that colors only when the style says so. */
const paint = (style: RenderStyle): ChalkInstance => new Chalk({ level: style.color ? 1 : 0 });

export type { RenderStyle };
export { paint, renderStyles };
