import { renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidInputError } from '../../core/errors';
import type { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { parseTime } from '../findings/parse-time';
import { openLedger } from '../open-ledger';
import { type AuditRow, auditRow, renderAuditCsv } from '../render/audit';
import { archivedAuditRows } from './archived-audit-rows';

interface AuditOptions {
  readonly since?: string;
  readonly until?: string;
  readonly format?: 'csv' | 'json';
  readonly output?: string;
  /** Read the Object Lock audit archive instead of the ledger. */
  readonly fromArchive?: boolean;
}

/**
 * `audit`: every ledger event in the window (`since` inclusive, `until` exclusive), oldest first, one
 * row per event, as CSV or JSON, to stdout or a file.
 */
async function exportAudit(ctx: CommandContext, options: AuditOptions): Promise<number> {
  const now = ctx.now();
  const since = options.since === undefined ? undefined : parseTime('--since', options.since, now).toISOString();
  const until = options.until === undefined ? undefined : parseTime('--until', options.until, now).toISOString();
  const target = options.output === undefined ? undefined : outputTarget(ctx.io.cwd, options.output);
  const rows = options.fromArchive
    ? await archivedAuditRows(ctx, { since, until })
    : await ledgerAuditRows(ctx, since, until);
  rows.sort((a, b) => a.time.localeCompare(b.time) || a.findingId.localeCompare(b.findingId));
  const format = options.format ?? (ctx.output.json ? 'json' : 'csv');
  const text = format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : renderAuditCsv(rows);
  if (target) {
    writeFileSync(`${target}.tmp`, text);
    renameSync(`${target}.tmp`, target);
    ctx.output.info(`${rows.length} event(s) written to ${target}`);
  } else {
    ctx.io.stdout.write(text);
  }
  return EXIT.OK;
}

async function ledgerAuditRows(ctx: CommandContext, since?: string, until?: string): Promise<AuditRow[]> {
  const rows: AuditRow[] = [];
  // The window bounds events, not records: a finding recorded long ago may have been restored today.
  for await (const record of openLedger(ctx).query()) {
    for (const event of record.history) {
      if ((since === undefined || event.at >= since) && (until === undefined || event.at < until)) {
        rows.push(auditRow(record, event));
      }
    }
  }
  return rows;
}

/**
 * Where `--output` writes, checked before the ledger is read: a folder that is not there is the user's
 * to fix (exit 2, one line), not an ENOENT naming the temporary file.
 * @throws InvalidInputError `USAGE`
 */
function outputTarget(cwd: string, output: string): string {
  const target = resolve(cwd, output);
  const folder = dirname(target);
  if (!statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InvalidInputError('USAGE', `--output ${output}: the folder ${folder} does not exist`);
  }
  if (statSync(target, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InvalidInputError('USAGE', `--output ${output}: ${target} is a folder; name a file`);
  }
  return target;
}

export type { AuditOptions };
export { exportAudit };
