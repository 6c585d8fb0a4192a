import { EventEmitter } from 'node:events';
import { type EventPattern, matchesPattern } from './event-pattern';

/** What a rule sends matching events to: a Lambda handler, in this process. */
type EventTarget<E> = (event: E) => Promise<unknown>;

interface LocalRule<E> {
  readonly name: string;
  readonly pattern: EventPattern;
  readonly target: EventTarget<E>;
  /** Further attempts after a failed delivery, like the deployed rule's retry policy. @default 2 */
  readonly retryAttempts?: number;
}

interface Delivery<E> {
  readonly rule: string;
  readonly event: E;
  readonly attempts: number;
}

type BusEvents<E> = {
  delivered: [Delivery<E> & { readonly result: unknown }];
  /** Every attempt failed; the deployed stack would park the event in its dead-letter queue. */
  failed: [Delivery<E> & { readonly error: unknown }];
  /** Accepted and never delivered (dropNext). */
  dropped: [{ readonly event: E }];
};

/**
 * A local EventBridge bus: `put` accepts an event and returns at once, as PutEvents does; each rule whose
 * pattern matches delivers it to its target asynchronously, retrying failures. `idle()` resolves when every
 * delivery so far has finished, so callers wait on the bus instead of sleeping.
 */
class LocalEventBus<E extends object> extends EventEmitter<BusEvents<E>> {
  private readonly rules: LocalRule<E>[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private drops = 0;

  addRule(rule: LocalRule<E>): void {
    this.rules.push(rule);
  }

  /**
   * The next `count` events are accepted and never delivered: EventBridge does not promise delivery, and
   * covering such a loss is the reconciler's job.
   */
  dropNext(count = 1): void {
    this.drops += count;
  }

  /** Accepts an event; returns the names of the rules it matched, whose deliveries run on. */
  put(event: E): string[] {
    const matched = this.rules.filter((rule) => matchesPattern(rule.pattern, event));
    if (this.drops > 0) {
      this.drops--;
      this.emit('dropped', { event });
      return matched.map((rule) => rule.name);
    }
    for (const rule of matched) {
      const delivery = this.deliver(rule, event);
      this.inFlight.add(delivery);
      void delivery.finally(() => this.inFlight.delete(delivery));
    }
    return matched.map((rule) => rule.name);
  }

  /** Resolves when no delivery is running (including deliveries started while waiting). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async deliver(rule: LocalRule<E>, event: E): Promise<void> {
    // PutEvents answers before any target runs.
    await Promise.resolve();
    const attempts = 1 + (rule.retryAttempts ?? 2);
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      try {
        const result = await rule.target(event);
        this.emit('delivered', { rule: rule.name, event, attempts: attempt, result });
        return;
      } catch (err) {
        lastError = err;
      }
    }
    this.emit('failed', { rule: rule.name, event, attempts, error: lastError });
  }
}

export type { BusEvents, Delivery, EventTarget, LocalRule };
export { LocalEventBus };
