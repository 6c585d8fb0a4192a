import { findingConsoleUrl } from '../../finding/finding-console-url';
import { sensitiveDataSummary } from '../../finding/sensitive-data-summary';
import type { Block } from './blocks';
import { context, fieldsSection, section } from './blocks';
import type { FindingView } from './finding-view';
import { formatTime } from './format-time';
import { codeSpan, escapeMrkdwn, s3Uri, truncate } from './text';

/** Budgets that keep every block under Slack's limits even for a 2,000-character key. */
const PATH_BUDGET = 1500;
const TITLE_BUDGET = 1000;
const FOUND_BUDGET = 1500;

const humanize = (id: string): string => {
  const words = id.toLowerCase().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** What Macie found: per category, then per detection type (`Financial information: 57` / `42 CREDIT_CARD_NUMBER, …`). */
function formatFound(view: FindingView): string | undefined {
  if (view.sensitiveData.length === 0 && view.customIdentifierCount === 0) return undefined;
  const summary = sensitiveDataSummary(view);
  const categories = summary.categories.map((c) => `${humanize(c.category)}: ${c.count}`);
  return truncate(escapeMrkdwn([...categories, summary.text].join('\n')), FOUND_BUDGET);
}

const field = (label: string, value: string | undefined): string | undefined =>
  value ? `*${label}*\n${value}` : undefined;

/** The object, the finding's facts, and where to find it in Macie: shared by every message about a finding. */
function buildFindingBlocks(view: FindingView): Block[] {
  const object = `*Object:* ${codeSpan(s3Uri(view.bucket, view.key), PATH_BUDGET)}`;
  const title = view.title ? `\n${truncate(escapeMrkdwn(view.title), TITLE_BUDGET)}` : '';
  const fields = [
    field('Type', escapeMrkdwn(view.type)),
    field('Severity', escapeMrkdwn(view.severity)),
    field('Account', view.accountId && escapeMrkdwn(view.accountId)),
    field('Region', view.region && escapeMrkdwn(view.region)),
    field('Category', view.category && escapeMrkdwn(view.category)),
    field('Detected', view.createdAt && formatTime(view.createdAt)),
    field('Version', view.versionId && codeSpan(view.versionId, 1000)),
    field('Found', formatFound(view)),
  ].filter((f): f is string => f !== undefined);
  // A record without its finding has no partition: the id alone still finds it in the console.
  const link =
    view.region && view.partition && /^[a-z0-9-]+$/.test(view.region)
      ? findingConsoleUrl({ id: view.id, region: view.region, partition: view.partition })
      : undefined;
  const where = [`Finding ${codeSpan(view.id, 300)}`, ...(link ? [`<${link}|Open in the Macie console>`] : [])];
  return [section(object + title), fieldsSection(fields), context([where.join('  ·  ')])];
}

export { buildFindingBlocks };
