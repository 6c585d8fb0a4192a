import type { LedgerRecord } from '../types/ledger';
import type { RemediationResult } from '../types/outcome';
import type { Dispatcher, RemediationJob } from '../types/ports';

/**
 * Runs jobs in this process: the CLI awaits each result; `serve` and the local stack answer Slack
 * first and let the job finish in the background, tracked so shutdown can wait for it (`idle()`).
 */
class InProcessDispatcher implements Dispatcher {
  private readonly run: (job: RemediationJob, held?: LedgerRecord) => Promise<RemediationResult>;
  private readonly background: boolean;
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly onError: (job: RemediationJob, err: unknown) => void;

  constructor(options: {
    run: (job: RemediationJob, held?: LedgerRecord) => Promise<RemediationResult>;
    /** Resolve `undefined` at once and run the job afterwards, like an asynchronous Lambda invoke. @default false */
    background?: boolean;
    onError?: (job: RemediationJob, err: unknown) => void;
  }) {
    this.run = options.run;
    this.background = options.background ?? false;
    this.onError = options.onError ?? (() => {});
  }

  async dispatch(job: RemediationJob, held?: LedgerRecord): Promise<RemediationResult | undefined> {
    if (!this.background) return this.run(job, held);
    const running = this.run(job, held).catch((err: unknown) => this.onError(job, err));
    this.inFlight.add(running);
    void running.finally(() => this.inFlight.delete(running));
    return undefined;
  }

  /** Resolves when every background job has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }
}

export { InProcessDispatcher };
