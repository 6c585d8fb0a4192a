import { appendFileSync, readFileSync } from 'node:fs';
import type { MacieFindingJson } from '../macie/types';

/**
 * The Macie stand-in keeps findings in memory; the local stack writes each one to a JSON-lines file in its
 * state directory and reads them back on start, so `list findings` and `backfill` see them after a restart.
 */
function loadFindings(path: string): MacieFindingJson[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').flatMap((line) => {
    try {
      return line.trim() === '' ? [] : [JSON.parse(line) as MacieFindingJson];
    } catch {
      // A line cut short when the stack was killed mid-write.
      return [];
    }
  });
}

function appendFinding(path: string, finding: MacieFindingJson): void {
  appendFileSync(path, `${JSON.stringify(finding)}\n`, { mode: 0o600 });
}

export { appendFinding, loadFindings };
