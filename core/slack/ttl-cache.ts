import type { Clock } from '../types/runtime';

interface TtlCache<K, V> {
  /** The cached value while fresh, else `load()`; concurrent callers share one load, failures are forgotten. */
  get(key: K, load: () => Promise<V>): Promise<V>;
}

/** A small in-process cache with a time-to-live, on an injected clock (a warm Lambda keeps it). */
function createTtlCache<K, V>(ttlMs: number, clock: Clock): TtlCache<K, V> {
  const entries = new Map<K, { readonly at: number; readonly value: Promise<V> }>();
  return {
    get(key, load) {
      const now = clock().getTime();
      const hit = entries.get(key);
      if (hit && now - hit.at < ttlMs) return hit.value;
      const value = load();
      entries.set(key, { at: now, value });
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },
  };
}

export type { TtlCache };
export { createTtlCache };
