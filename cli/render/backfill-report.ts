import type { OutcomeSummary, RemediationResult } from '../../core/types/outcome';
import { accountCell } from './account-cell';
import { outcomeCell } from './outcome-colors';
import { paint, type RenderStyle } from './render-style';
import { renderTable } from './table';
import { terminalText } from './terminal-text';

/** A FAILED finding of a backfill: which, whose object, why. */
interface BackfillFailure {
  readonly findingId: string;
  readonly account?: string;
  readonly reason?: string;
}

/** What a backfill run did, for its final report. */
interface BackfillReport {
  readonly status: 'complete' | 'interrupted' | 'stopped';
  /** Why it stopped (`stopped`). */
  readonly error?: string;
  readonly dryRun: boolean;
  /** This run's findings and fully done pages. */
  readonly findings: number;
  readonly pages: number;
  /** Findings the ledger had no record of (IGNORED ones are never recorded, so they are neither). */
  readonly fresh: number;
  /** Findings the ledger already had: nothing new was done for them. */
  readonly seenBefore: number;
  readonly seconds: number;
  readonly summary: OutcomeSummary;
  /** The first few FAILED findings. */
  readonly failures: readonly BackfillFailure[];
  /** Where an earlier run left off, when this one resumed it. */
  readonly resumedAfter?: { readonly pages: number; readonly findings: number };
  /** How to go on, when there is more to do. */
  readonly resumeCommand?: string;
}

const HEADLINE = { complete: 'Backfill complete', interrupted: 'Backfill interrupted', stopped: 'Backfill stopped' };

function renderBackfillReport(report: BackfillReport, style: RenderStyle): string {
  const chalk = paint(style);
  const rate = report.seconds > 0 ? report.findings / report.seconds : 0;
  const headline = `${report.dryRun ? 'Dry run: ' : ''}${HEADLINE[report.status]}: ${report.findings} finding(s), ${report.pages} page(s) in ${report.seconds.toFixed(1)} s (${rate.toFixed(1)} findings/s)`;
  const parts = [report.status === 'complete' ? chalk.green(headline) : chalk.yellow(headline)];
  if (report.resumedAfter) {
    parts.push(
      `Resumed after ${report.resumedAfter.pages} page(s), ${report.resumedAfter.findings} finding(s) done earlier.`,
    );
  }
  parts.push(
    `New: ${report.fresh}; already in the ledger (nothing new): ${report.seenBefore}; ignored by the policy: ${report.summary.IGNORED ?? 0}.`,
  );
  const counts = Object.entries(report.summary).map(([outcome, n]) => [
    outcomeCell(chalk, outcome as RemediationResult['outcome']),
    String(n),
  ]);
  if (counts.length > 0) parts.push(renderTable(['outcome', 'count'], counts, style));
  if (report.failures.length > 0) {
    parts.push(
      renderTable(
        ['failed finding', 'account', 'reason'],
        report.failures.map((f) => [
          f.findingId,
          accountCell(f.account ? { account: f.account } : undefined),
          f.reason ?? '',
        ]),
        style,
      ),
    );
  }
  if (report.error) parts.push(chalk.red(`Stopped by: ${terminalText(report.error)}`));
  if (report.dryRun) parts.push('Nothing was changed and no checkpoint was written.');
  if (report.resumeCommand) parts.push(`To finish: ${report.resumeCommand}`);
  return parts.join('\n');
}

export type { BackfillFailure, BackfillReport };
export { renderBackfillReport };
