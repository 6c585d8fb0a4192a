import type { Finding } from '../types/finding';

interface SensitiveDataSummary {
  /** All occurrences, custom identifiers included. */
  readonly total: number;
  /** Per category (`FINANCIAL_INFORMATION`, …), largest first. */
  readonly categories: readonly { readonly category: string; readonly count: number }[];
  /** Per detection type (`CREDIT_CARD_NUMBER`, …), merged across categories, largest first. */
  readonly detections: readonly { readonly type: string; readonly count: number }[];
  readonly customIdentifiers: number;
  /** One line for Slack and tables: `42 CREDIT_CARD_NUMBER, 15 BANK_ACCOUNT_NUMBER, 3 custom identifier`. */
  readonly text: string;
}

const largestFirst = <T extends { count: number }>(a: T, b: T): number => b.count - a.count;

/** What a finding found, counted per category and per detection type. */
function sensitiveDataSummary(finding: Pick<Finding, 'sensitiveData' | 'customIdentifierCount'>): SensitiveDataSummary {
  const byType = new Map<string, number>();
  for (const data of finding.sensitiveData)
    for (const d of data.detections) byType.set(d.type, (byType.get(d.type) ?? 0) + d.count);
  const categories = finding.sensitiveData
    .map((data) => ({ category: data.category, count: data.totalCount }))
    .sort(largestFirst);
  const detections = [...byType].map(([type, count]) => ({ type, count })).sort(largestFirst);
  const customIdentifiers = finding.customIdentifierCount;
  const parts = detections.map((d) => `${d.count} ${d.type}`);
  if (customIdentifiers > 0) parts.push(`${customIdentifiers} custom identifier${customIdentifiers === 1 ? '' : 's'}`);
  return {
    total: categories.reduce((sum, c) => sum + c.count, 0) + customIdentifiers,
    categories,
    detections,
    customIdentifiers,
    text: parts.length > 0 ? parts.join(', ') : 'no detections reported',
  };
}

export type { SensitiveDataSummary };
export { sensitiveDataSummary };
