import type { Writable } from 'node:stream';

/** A run's progress: a bar on a terminal's stderr, nothing otherwise. */
interface Progress {
  /** One more item done; `total` may grow (a backfill learns it page by page). */
  tick(total?: number): void;
  stop(): void;
}

const NO_PROGRESS: Progress = { tick: () => {}, stop: () => {} };

/** A cli-progress bar on `stream` when `allowed` (a terminal, not --quiet); otherwise a no-op. */
function startProgress(stream: Writable, allowed: boolean, label: string, total: number): Progress {
  if (!allowed) return NO_PROGRESS;
  const { SingleBar, Presets } = require('cli-progress') as typeof import('cli-progress');
  const bar = new SingleBar(
    {
      stream,
      format: `${label} [{bar}] {value}/{total} {percentage}% | {eta_formatted} left`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    tick: (newTotal) => {
      if (newTotal !== undefined && newTotal !== bar.getTotal()) bar.setTotal(newTotal);
      bar.increment();
    },
    stop: () => bar.stop(),
  };
}

export type { Progress };
export { startProgress };
