import { type HistoryChain, storedChain } from './history-chain';

/** What a history append is conditioned on (`version`) and hashed onto (`chain`): one item's, read together. */
interface ChainBasis {
  /** Absent on an item written before `version` existed. */
  readonly version: unknown;
  readonly chain: HistoryChain;
}

/** Findings remembered at most: a backfill touches each finding a few times in a row, then never again. */
const REMEMBERED = 1000;

/**
 * The basis of each finding's item as this process last wrote or read it, so the next append is written
 * without reading the item first. One remembered from before another process's write only loses the
 * write its condition on `version`, after which the item is read as before: a basis saves a read, it
 * never decides what lands. Bounded, the least recently remembered dropped first.
 */
class ChainBases {
  readonly #bases = new Map<string, ChainBasis>();

  get(findingId: string): ChainBasis | undefined {
    return this.#bases.get(findingId);
  }

  /** The basis `item` gives; remembered for its finding. */
  remember(findingId: string, item: Readonly<Record<string, unknown>>): ChainBasis {
    const basis = { version: item.version, chain: storedChain(findingId, item) };
    this.#bases.delete(findingId);
    this.#bases.set(findingId, basis);
    if (this.#bases.size > REMEMBERED) this.#bases.delete(this.#bases.keys().next().value as string);
    return basis;
  }
}

export type { ChainBasis };
export { ChainBases };
