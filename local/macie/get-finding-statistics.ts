import type { FindingStore } from './FindingStore';
import { fieldPath, fieldValues } from './finding-fields';
import { getFindingStatisticsInput, parseInput } from './macie-inputs';

interface GroupCount {
  readonly groupKey: string;
  readonly count: number;
}

/** GetFindingStatistics: counts the matching findings per `groupBy` value (findings without one are not counted). */
function getFindingStatistics(store: FindingStore, body: unknown): { countsByGroup: GroupCount[] } {
  const input = parseInput(getFindingStatisticsInput, body);
  const path = fieldPath(input.groupBy);
  const counts = new Map<string, number>();
  for (const id of store.query(input.findingCriteria, undefined).ids) {
    const value = fieldValues(store.get(id), path)[0];
    if (typeof value === 'string') counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const direction = input.sortCriteria?.orderBy === 'DESC' ? -1 : 1;
  const byCount = input.sortCriteria?.attributeName === 'count';
  const groups = [...counts].map(([groupKey, count]) => ({ groupKey, count }));
  groups.sort((a, b) => direction * (byCount ? a.count - b.count : a.groupKey.localeCompare(b.groupKey)));
  return { countsByGroup: input.size ? groups.slice(0, input.size) : groups };
}

export { getFindingStatistics };
