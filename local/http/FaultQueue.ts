/** The wildcard target: a fault queued for `*` hits whichever request comes next. */
const ANY = '*';

/**
 * Faults queued for the next requests to a target (an operation or method name, or `*`).
 * A fault for the exact target is used before a wildcard one.
 */
class FaultQueue<F> {
  private readonly queues = new Map<string, F[]>();

  add(target: string, fault: F, times = 1): void {
    const queue = this.queues.get(target) ?? [];
    for (let i = 0; i < times; i++) queue.push(fault);
    this.queues.set(target, queue);
  }

  /** Removes and returns the next fault for this target, if any. */
  take(target: string): F | undefined {
    return this.queues.get(target)?.shift() ?? this.queues.get(ANY)?.shift();
  }

  clear(): void {
    this.queues.clear();
  }
}

export { ANY, FaultQueue };
