import { shortTypeName } from '../../core/finding/finding-type';
import { describeLocation } from '../../core/quarantine/head-object';
import type { Plan } from '../plan/plan-schema';
import { paint, type RenderStyle } from './render-style';
import { summarize } from './run-document';
import { renderTable } from './table';
import { terminalText } from './terminal-text';

const SHOWN_ITEMS = 25;

const bytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

const kind = (item: { type: string; severity: string }): string => `${shortTypeName(item.type)} ${item.severity}`;

/** What a run is about to do, for the confirmation: the items (the first 25), what is skipped, the totals. */
function renderPlan(plan: Plan, style: RenderStyle): string {
  const chalk = paint(style);
  const parts: string[] = [];
  if (plan.kind === 'remediate') {
    const rows = plan.items
      .slice(0, SHOWN_ITEMS)
      .map((i) => [i.findingId, kind(i), describeLocation(i.object), bytes(i.object.size), i.target.key]);
    if (rows.length > 0) parts.push(renderTable(['finding', 'type', 'object', 'size', 'quarantine key'], rows, style));
  } else {
    const rows = plan.items
      .slice(0, SHOWN_ITEMS)
      .map((i) => [i.findingId, kind(i), i.object.key, describeLocation(i.target)]);
    if (rows.length > 0) parts.push(renderTable(['finding', 'type', 'quarantine key', 'back to'], rows, style));
  }
  if (plan.items.length > SHOWN_ITEMS) parts.push(`... and ${plan.items.length - SHOWN_ITEMS} more`);
  const skipped = Object.entries(summarize(plan.skipped.map((s) => s.outcome)));
  if (skipped.length > 0) {
    parts.push(`Skipped ${plan.skipped.length}: ${skipped.map(([o, n]) => `${n} ${o}`).join(', ')}`);
  }
  const total =
    plan.kind === 'remediate'
      ? `${plan.items.length} object(s), ${bytes(plan.items.reduce((sum, i) => sum + i.object.size, 0))}, to quarantine in s3://${terminalText(plan.quarantineBucket)}`
      : `${plan.items.length} object(s) to restore from s3://${terminalText(plan.quarantineBucket)}`;
  parts.push(chalk.bold(total));
  return parts.join('\n');
}

export { renderPlan };
