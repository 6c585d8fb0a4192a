interface Gate {
  /** Resolves once `open` is called. */
  readonly opened: Promise<void>;
  open(): void;
}

/** A point a test opens when it says so: a task held until then, or a moment it waits for. */
function gate(): Gate {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

export type { Gate };
export { gate };
