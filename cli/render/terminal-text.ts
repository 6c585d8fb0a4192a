/**
 * Keys, bucket names, finding titles, actors and reasons are anyone's text: whoever can write to a
 * scanned bucket chooses a key. Printed raw, `ESC[2J`, a carriage return or a bidi override would clear,
 * overwrite or reorder what the terminal shows (the plan above the confirmation prompt, say). Every
 * such text goes through `terminalText` before the CLI prints it; --json needs none of this, since
 * JSON.stringify escapes control characters itself.
 */

/** C0 controls (newline and tab too: a cell is one line), DEL and C1 (all \p{Cc}), the bidi and line-separator marks. */
const UNSAFE = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

const NAMED: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
  ['\b', '\\b'],
  ['\u001b', '\\e'],
]);

const hex = (char: string, width: number): string => (char.codePointAt(0) ?? 0).toString(16).padStart(width, '0');

/** One control character as text that shows what it was: `\e`, `\r`, `\x7f`, `\u202e`. */
const visible = (char: string): string =>
  NAMED.get(char) ?? (char <= '\u00ff' ? `\\x${hex(char, 2)}` : `\\u${hex(char, 4)}`);

/** `text` with every control character shown as an escape; everything else (backslashes included) as is. */
const terminalText = (text: string): string => text.replace(UNSAFE, visible);

/** Text the CLI styled itself (outcome names in colour): a table cell that is printed as is. */
interface Styled {
  readonly styled: string;
}

const styled = (text: string): Styled => ({ styled: text });

/** A table cell: anyone's text, escaped when drawn, or text the CLI styled itself. */
type Cell = string | Styled;

const cellText = (cell: Cell): string => (typeof cell === 'string' ? terminalText(cell) : cell.styled);

export type { Cell, Styled };
export { cellText, styled, terminalText };
