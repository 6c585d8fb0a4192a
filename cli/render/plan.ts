import { shortTypeName } from '../../core/finding/finding-type';
import { ACTION_TO_DO, DEFAULT_REMEDIATION } from '../../core/policy/remediation-action';
import { describeLocation } from '../../core/quarantine/head-object';
import type { RemediationAction } from '../../core/types/policy';
import type { Plan, RemediatePlan } from '../plan/plan-schema';
import { paint, type RenderStyle } from './render-style';
import { summarize } from './run-document';
import { renderTable } from './table';
import { terminalText } from './terminal-text';

const SHOWN_ITEMS = 25;

const bytes = (n: number): string =>
  n < 1024 ? `${n} B` : n < 1024 ** 2 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 ** 2).toFixed(1)} MiB`;

const kind = (item: { type: string; severity: string }): string => `${shortTypeName(item.type)} ${item.severity}`;

const actionOf = (item: { action?: RemediationAction }): RemediationAction => item.action ?? DEFAULT_REMEDIATION;

/** `1 to quarantine in s3://q, 2 to seal in place`: a plan whose items are not all moved says what each count gets. */
function remediateTotal(plan: RemediatePlan): string {
  const size = bytes(plan.items.reduce((sum, i) => sum + i.object.size, 0));
  const into = `in s3://${terminalText(plan.quarantineBucket)}`;
  const counts = summarizeActions(plan.items.map(actionOf));
  if (counts.length === 1 && counts[0]?.[0] === 'QUARANTINE')
    return `${plan.items.length} object(s), ${size}, to quarantine ${into}`;
  const parts = counts.map(([a, n]) => `${n} to ${ACTION_TO_DO[a]}${a === 'QUARANTINE' ? ` ${into}` : ''}`);
  return `${plan.items.length} object(s), ${size}: ${parts.join(', ')}`;
}

function summarizeActions(actions: readonly RemediationAction[]): [RemediationAction, number][] {
  const counts = new Map<RemediationAction, number>();
  for (const a of actions) counts.set(a, (counts.get(a) ?? 0) + 1);
  return [...counts];
}

/**
 * What a run is about to do, for the confirmation: the items (the first 25), what is skipped, the totals.
 * `asScanned`: the plan did not look at the objects (`--yes`), so its sizes are the findings'.
 */
function renderPlan(
  plan: Plan,
  style: RenderStyle,
  { asScanned = false }: { readonly asScanned?: boolean } = {},
): string {
  const chalk = paint(style);
  const parts: string[] = [];
  if (plan.kind === 'remediate') {
    // The column appears only when something is to be sealed or tagged instead of moved.
    const actions = plan.items.some((i) => actionOf(i) !== 'QUARANTINE');
    const rows = plan.items.slice(0, SHOWN_ITEMS).map((i) => {
      const moved = actionOf(i) === 'QUARANTINE';
      return [
        i.findingId,
        kind(i),
        describeLocation(i.object),
        bytes(i.object.size),
        moved ? i.target.key : '-',
        ...(actions ? [ACTION_TO_DO[actionOf(i)]] : []),
      ];
    });
    const headers = ['finding', 'type', 'object', 'size', 'quarantine key', ...(actions ? ['action'] : [])];
    if (rows.length > 0) parts.push(renderTable(headers, rows, style));
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
      ? remediateTotal(plan)
      : `${plan.items.length} object(s) to restore from s3://${terminalText(plan.quarantineBucket)}`;
  parts.push(chalk.bold(asScanned ? `${total} (as the findings saw them)` : total));
  return parts.join('\n');
}

export { renderPlan };
