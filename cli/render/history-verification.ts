import { terminalText } from './terminal-text';

/** `audit --verify`'s result, exactly as `--json` prints it. */
interface HistoryVerification {
  /** Findings whose history chain holds (histories written before the chain are not counted). */
  readonly verified: number;
  readonly broken: readonly { readonly findingId: string; readonly reason: string }[];
}

/** One line per broken finding, then the count; the reasons quote stored text, so everything is escaped. */
function renderHistoryVerification(result: HistoryVerification): string {
  const lines = result.broken.map(
    ({ findingId, reason }) => `broken  ${terminalText(findingId)}: ${terminalText(reason)}`,
  );
  const intact = `${result.verified} finding histor${result.verified === 1 ? 'y' : 'ies'} intact`;
  lines.push(
    result.broken.length === 0 ? `${intact}.` : `${result.broken.length} altered, reordered or cut; ${intact}.`,
  );
  return lines.join('\n');
}

export type { HistoryVerification };
export { renderHistoryVerification };
