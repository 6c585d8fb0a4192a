import type { StatusCheck } from './status-check';

/** On a terminal: ✓ ✗ – in colour. Elsewhere (logs, CI): plain words that grep well. */
function renderStatus(checks: readonly StatusCheck[], color: boolean, terminal: boolean): string {
  const chalk = color ? (require('chalk') as typeof import('chalk')).default : undefined;
  const mark = (check: StatusCheck): string => {
    if (!terminal) return check.skipped ? 'skip' : check.ok ? 'ok  ' : 'FAIL';
    if (check.skipped) return chalk ? chalk.yellow('–') : '–';
    if (check.ok) return chalk ? chalk.green('✓') : '✓';
    return chalk ? chalk.red('✗') : '✗';
  };
  const width = Math.max(...checks.map((c) => c.check.length));
  const lines = checks.map((check) => `${mark(check)} ${check.check.padEnd(width)}  ${check.detail}`);
  const failed = checks.filter((c) => !c.ok).length;
  lines.push('', failed === 0 ? 'Everything needed is in place.' : `${failed} of ${checks.length} checks failed.`);
  return lines.join('\n');
}

export { renderStatus };
