import type { FindingCriteria, SortCriteria } from './macie-inputs';
import { compileCriteria } from './match-criteria';
import { sortFindings } from './sort-findings';
import type { MacieFindingJson } from './types';

/** An immutable, ordered result of one query; pages are slices of it. */
interface Snapshot {
  readonly id: number;
  readonly ids: readonly string[];
}

/** How many query results stay addressable by a nextToken (least recently used go first). */
const SNAPSHOT_CAPACITY = 32;

/**
 * The findings, in insertion order, plus query snapshots: a query is filtered and sorted once, and its pages
 * are read from the snapshot, so paging through 100,000 findings never re-sorts the store. Adding findings
 * starts new snapshots for new queries, while tokens already handed out keep paging their own snapshot.
 */
class FindingStore {
  private readonly byId = new Map<string, MacieFindingJson>();
  private readonly snapshots = new Map<number, Snapshot>();
  private readonly currentQueries = new Map<string, number>();
  private nextSnapshotId = 1;

  get size(): number {
    return this.byId.size;
  }

  /** Adds or replaces findings by id. */
  add(findings: readonly MacieFindingJson[]): void {
    for (const finding of findings) {
      if (typeof finding.id !== 'string' || finding.id === '') throw new Error('a Macie finding needs an id');
      this.byId.set(finding.id, finding);
    }
    this.currentQueries.clear();
  }

  get(id: string): MacieFindingJson | undefined {
    return this.byId.get(id);
  }

  all(): MacieFindingJson[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
    this.snapshots.clear();
    this.currentQueries.clear();
  }

  /** The snapshot of this query over the current findings, computed at most once per store change. */
  query(criteria: FindingCriteria | undefined, sort: SortCriteria | undefined): Snapshot {
    const key = JSON.stringify([criteria ?? {}, sort ?? {}]);
    const cachedId = this.currentQueries.get(key);
    const cached = cachedId === undefined ? undefined : this.snapshot(cachedId);
    if (cached) return cached;
    const matches = compileCriteria(criteria);
    const selected = this.all().filter(matches);
    const created: Snapshot = { id: this.nextSnapshotId++, ids: sortFindings(selected, sort).map((f) => f.id) };
    this.snapshots.set(created.id, created);
    if (this.snapshots.size > SNAPSHOT_CAPACITY) {
      const oldest = this.snapshots.keys().next().value;
      if (oldest !== undefined) this.snapshots.delete(oldest);
    }
    this.currentQueries.set(key, created.id);
    return created;
  }

  /** A snapshot by id (refreshing its place in the LRU order), or undefined once evicted. */
  snapshot(id: number): Snapshot | undefined {
    const found = this.snapshots.get(id);
    if (found) {
      this.snapshots.delete(id);
      this.snapshots.set(id, found);
    }
    return found;
  }
}

export type { Snapshot };
export { FindingStore };
