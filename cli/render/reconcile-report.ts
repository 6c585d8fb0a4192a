import type { ReconcileReport } from '../../core/reconcile/reconcile';
import type { Outcome } from '../../core/types/outcome';
import { terminalText } from './terminal-text';

const total = (counts: Partial<Record<Outcome, number>>): number =>
  Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0);

/** ` (NOTIFIED 1, PLANNED 2)`, or nothing when there are none. */
const perOutcome = (counts: Partial<Record<Outcome, number>>): string => {
  const parts = Object.entries(counts).map(([outcome, n]) => `${outcome} ${n}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

/** One reconciliation in three lines: the Macie pass, the ledger pass, and where the next run starts. */
function renderReconcileReport(report: ReconcileReport): string {
  const lines = [
    `Macie: ${total(report.findings)} finding(s) updated since the watermark, ${report.fresh} new to the ledger${perOutcome(report.findings)}`,
    `Ledger: ${total(report.repaired)} record(s) owing a message or a job taken up again${perOutcome(report.repaired)}`,
  ];
  // Macie's own words: not ours to trust on a terminal.
  if (report.error !== undefined) lines.push(`Macie paging stopped: ${terminalText(report.error)}`);
  const next = report.watermark ? `; the next run reads Macie from ${report.watermark}` : '';
  lines.push(report.complete ? `Complete${next}.` : `Not complete: the next run goes on${next}.`);
  return `${lines.join('\n')}\n`;
}

/** A run that failed a finding or a record, or stopped paging Macie, did not do its job. */
const reconcileFailed = (report: ReconcileReport): boolean =>
  report.error !== undefined || (report.findings.FAILED ?? 0) > 0 || (report.repaired.FAILED ?? 0) > 0;

export { reconcileFailed, renderReconcileReport };
