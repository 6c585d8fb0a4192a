import { resolve } from 'node:path';
import type { FindingCriteria, SortCriteria } from '@aws-sdk/client-macie2';
import { maciePace } from '../../core/aws/rate-limiter';
import { InvalidInputError } from '../../core/errors';
import { countFindings } from '../../core/finding/macie-findings';
import { type BackfillPagesOutcome, backfillPages } from '../../core/reconcile/backfill-pages';
import {
  type Checkpoint,
  DEFAULT_CHECKPOINT,
  readCheckpoint,
  removeCheckpoint,
  writeCheckpoint,
} from '../backfill/checkpoint';
import { startProgress } from '../bulk/progress';
import { watchInterrupt } from '../bulk/watch-interrupt';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { buildFindingCriteria, OLDEST_FIRST } from '../findings/finding-criteria';
import { type FilterOptions, parseFindingFilters } from '../findings/finding-filters';
import { openOperationEnv } from '../open-operation-env';
import { type BackfillFailure, type BackfillReport, renderBackfillReport } from '../render/backfill-report';
import { JsonResultsWriter } from '../render/json-results-writer';
import { renderStyles } from '../render/render-style';
import { OutcomeCounter } from '../render/run-document';

interface BackfillOptions extends FilterOptions {
  readonly resume?: boolean;
  readonly restart?: boolean;
  readonly checkpoint?: string;
  readonly dryRun?: boolean;
  readonly concurrency: number;
  readonly macieRate: number;
}

interface StartingPoint {
  readonly criteria: FindingCriteria;
  readonly sort: SortCriteria;
  /** The checkpoint this run continues. */
  readonly resumed?: Checkpoint;
}

const FAILURES_SHOWN = 20;

const FILTER_FLAGS = {
  type: '--type',
  severity: '--severity',
  bucket: '--bucket',
  account: '--account',
  since: '--since',
  until: '--until',
  includeArchived: '--include-archived',
} as const;

/** Where this run starts: the checkpoint it continues, or a new query from the filters. */
function startingPoint(options: BackfillOptions, path: string, now: Date): StartingPoint {
  if (options.resume && options.restart)
    throw new InvalidInputError('USAGE', '--resume and --restart exclude each other');
  const existing = readCheckpoint(path);
  if (options.resume) {
    if (!existing) throw new InvalidInputError('USAGE', `--resume: there is no checkpoint at ${path}`);
    const given = Object.entries(FILTER_FLAGS).filter(
      ([option]) => options[option as keyof FilterOptions] !== undefined,
    );
    if (given.length > 0) {
      const flags = given.map(([, flag]) => flag).join(', ');
      throw new InvalidInputError('USAGE', `--resume continues with the checkpoint's filters; leave out ${flags}`);
    }
    return { criteria: existing.criteria as FindingCriteria, sort: existing.sort, resumed: existing };
  }
  if (existing && !options.restart && !options.dryRun) {
    throw new InvalidInputError(
      'USAGE',
      `an interrupted backfill left a checkpoint at ${path} (${existing.findingsDone} findings in ${existing.pagesDone} pages done): --resume continues it, --restart starts over`,
    );
  }
  return { criteria: buildFindingCriteria(parseFindingFilters(options, now)), sort: OLDEST_FIRST };
}

/**
 * `backfill`: historical findings through the live pipeline's path, page by page. After each page is
 * fully done a checkpoint is written; Macie is paced; Ctrl-C finishes what is in flight; the ledger
 * makes a second run announce and move nothing new.
 */
async function backfillFindings(ctx: CommandContext, options: BackfillOptions): Promise<number> {
  const { output, io } = ctx;
  const path = resolve(io.cwd, options.checkpoint ?? DEFAULT_CHECKPOINT);
  const start = startingPoint(options, path, ctx.now());
  const dryRun = options.dryRun ?? false;
  const env = await openOperationEnv(ctx);
  if (options.restart && !dryRun) removeCheckpoint(path);
  const macie = ctx.clients().macie;
  const pace = maciePace(options.macieRate);

  // The bar's total costs one GetFindingStatistics call: only when a bar is drawn.
  const total = output.progressAllowed
    ? Math.max(
        0,
        (await countFindings(macie, start.criteria, pace).catch(() => 0)) - (start.resumed?.findingsDone ?? 0),
      )
    : 0;
  const progress = startProgress(io.stderr, output.progressAllowed, dryRun ? 'backfill (dry run)' : 'backfill', total);
  const writer = output.json ? new JsonResultsWriter(io.stdout) : undefined;
  const counter = new OutcomeCounter();
  const failures: BackfillFailure[] = [];
  let findings = 0;
  let seenBefore = 0;
  let fresh = 0;
  let pages = 0;
  let done = { pages: start.resumed?.pagesDone ?? 0, findings: start.resumed?.findingsDone ?? 0 };
  const startedAt = start.resumed?.startedAt ?? ctx.now().toISOString();

  const watch = watchInterrupt(() =>
    output.warn(
      'interrupted: finishing the findings in flight, then writing the checkpoint (Ctrl-C again to stop at once)',
    ),
  );
  const started = performance.now();
  let outcome: BackfillPagesOutcome;
  try {
    outcome = await backfillPages({
      deps: env.deps,
      macie,
      criteria: start.criteria,
      sort: start.sort,
      ...(start.resumed ? { startToken: start.resumed.nextToken } : {}),
      pace,
      concurrency: options.concurrency,
      actor: env.actor,
      dryRun,
      signal: watch.signal,
      onResult: async (item) => {
        findings++;
        if (item.seenBefore) seenBefore++;
        else if (item.result.outcome !== 'IGNORED') fresh++;
        counter.add(item.result.outcome);
        if (item.result.outcome === 'FAILED' && failures.length < FAILURES_SHOWN) {
          const { findingId, reason } = item.result;
          failures.push({
            findingId,
            ...(item.account ? { account: item.account } : {}),
            ...(reason ? { reason } : {}),
          });
        }
        progress.tick(findings > total ? findings : undefined);
        await writer?.add(item.result);
      },
      onPageDone: (page) => {
        pages++;
        done = { pages: done.pages + 1, findings: done.findings + page.size };
        if (dryRun) return;
        if (!page.nextToken) return removeCheckpoint(path);
        writeCheckpoint(path, {
          version: 1,
          criteria: start.criteria as Checkpoint['criteria'],
          sort: { attributeName: start.sort.attributeName ?? 'createdAt', orderBy: start.sort.orderBy ?? 'ASC' },
          nextToken: page.nextToken,
          pagesDone: done.pages,
          findingsDone: done.findings,
          startedAt,
          updatedAt: ctx.now().toISOString(),
        });
      },
    });
  } finally {
    progress.stop();
    watch.dispose();
  }

  const status = outcome.error !== undefined ? 'stopped' : outcome.complete ? 'complete' : 'interrupted';
  const summary = counter.summary();
  const checkpointFlag = options.checkpoint ? ` --checkpoint ${options.checkpoint}` : '';
  const canResume = !dryRun && done.pages > 0;
  // Macie's page tokens do not last for ever: a resume it refuses at once can only start over.
  const tokenRefused =
    start.resumed !== undefined &&
    pages === 0 &&
    (outcome.error as { name?: string } | undefined)?.name === 'ValidationException';
  const next = tokenRefused
    ? "run the original command again with --restart (Macie no longer accepts the checkpoint's page token; the ledger keeps a rerun from repeating anything)"
    : canResume
      ? `macie-remediate backfill --resume${checkpointFlag}`
      : 'run the same command again';
  const report: BackfillReport = {
    status,
    ...(outcome.error !== undefined
      ? { error: outcome.error instanceof Error ? outcome.error.message : String(outcome.error) }
      : {}),
    dryRun,
    findings,
    pages,
    fresh,
    seenBefore,
    seconds: (performance.now() - started) / 1000,
    summary,
    failures,
    ...(start.resumed
      ? { resumedAfter: { pages: start.resumed.pagesDone, findings: start.resumed.findingsDone } }
      : {}),
    ...(status !== 'complete' && !dryRun ? { resumeCommand: next } : {}),
  };
  if (writer) {
    writer.end(summary);
    if (status !== 'complete') output.warn(`backfill ${status}${report.error ? `: ${report.error}` : ''}`);
    output.info(renderBackfillReport(report, renderStyles(io, output).stderr));
  } else {
    output.result(null, () => renderBackfillReport(report, renderStyles(io, output).stdout));
  }
  return status !== 'complete' || summary.FAILED ? EXIT.FAILED : EXIT.OK;
}

export type { BackfillOptions };
export { backfillFindings };
