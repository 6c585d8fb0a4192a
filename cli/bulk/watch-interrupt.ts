/** A run's Ctrl-C: the first one asks it to stop taking new work; a second one ends the process at once. */
interface InterruptWatch {
  readonly signal: AbortSignal;
  /** Stop listening (the run is over): Ctrl-C is the process default again. */
  dispose(): void;
}

/**
 * Listens for SIGINT while a bulk run lasts. `once`: after the first Ctrl-C the listener is gone, so a
 * second one gets Node's default (exit at once) for a user who will not wait for the moves in flight.
 */
function watchInterrupt(onInterrupt: () => void): InterruptWatch {
  const controller = new AbortController();
  const listener = (): void => {
    onInterrupt();
    controller.abort();
  };
  process.once('SIGINT', listener);
  return {
    signal: controller.signal,
    dispose: () => {
      process.removeListener('SIGINT', listener);
    },
  };
}

export type { InterruptWatch };
export { watchInterrupt };
