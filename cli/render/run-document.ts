import { OUTCOMES, type Outcome, type OutcomeSummary, type RemediationResult } from '../../core/types/outcome';

/** The `--json` document of `remediate`, `restore`, `apply` and `backfill` (README, "--json"). */
interface RunDocument {
  readonly results: readonly RemediationResult[];
  readonly summary: OutcomeSummary;
}

/** Counts outcomes as they come, without keeping the results (a backfill's can run to 100,000). */
class OutcomeCounter {
  readonly #counts = new Map<Outcome, number>();

  add(outcome: Outcome): void {
    this.#counts.set(outcome, (this.#counts.get(outcome) ?? 0) + 1);
  }

  /** Counts per outcome, in the contract's order, leaving out outcomes that did not occur. */
  summary(): OutcomeSummary {
    return Object.fromEntries(OUTCOMES.filter((o) => this.#counts.has(o)).map((o) => [o, this.#counts.get(o)]));
  }
}

function summarize(outcomes: Iterable<Outcome>): OutcomeSummary {
  const counter = new OutcomeCounter();
  for (const outcome of outcomes) counter.add(outcome);
  return counter.summary();
}

/** A result with its keys in the contract's order (findingId, outcome, source, quarantine, action, reason), for readers of --json. */
const orderedResult = (r: RemediationResult): RemediationResult => ({
  findingId: r.findingId,
  outcome: r.outcome,
  source: r.source,
  ...(r.quarantine ? { quarantine: r.quarantine } : {}),
  ...(r.action ? { action: r.action } : {}),
  ...(r.reason !== undefined ? { reason: r.reason } : {}),
});

const runDocument = (results: readonly RemediationResult[]): RunDocument => ({
  results: results.map(orderedResult),
  summary: summarize(results.map((r) => r.outcome)),
});

export type { RunDocument };
export { OutcomeCounter, orderedResult, runDocument, summarize };
