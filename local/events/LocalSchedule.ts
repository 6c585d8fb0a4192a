import { LocalHttpServer } from '../http/LocalHttpServer';
import { sendJson, sendText } from '../http/reply';

interface LocalScheduleOptions<R> {
  /** Names the schedule in errors. */
  readonly name: string;
  /** What the schedule invokes: a Lambda handler, in this process. */
  readonly target: () => Promise<R>;
  /** Milliseconds between scheduled runs. @default none: runs only on demand */
  readonly everyMs?: number;
  /** A scheduled run failed (an on-demand run's failure goes to its caller). */
  readonly onError: (error: unknown) => void;
  /** @default 0 (any free port) */
  readonly port?: number;
}

/**
 * A local EventBridge schedule: runs its target every `everyMs`, and now on `POST /run` (answered with the
 * target's result as JSON) or `runNow()`. Runs never overlap: a run asked for while one is under way starts
 * after it, so it sees everything that happened before it was asked for.
 */
class LocalSchedule<R> {
  private readonly server: LocalHttpServer;
  private timer?: NodeJS.Timeout;
  private last: Promise<unknown> = Promise.resolve();
  private pending = 0;
  private stopping = false;

  constructor(private readonly options: LocalScheduleOptions<R>) {
    this.server = new LocalHttpServer(`${options.name} schedule`, async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      if (path !== '/run') return sendText(res, 404, 'not found');
      if (req.method !== 'POST') return sendText(res, 405, 'POST /run', { allow: 'POST' });
      if (this.stopping) return sendText(res, 503, 'shutting down', { connection: 'close' });
      try {
        sendJson(res, 200, await this.runNow());
      } catch (err) {
        sendJson(res, 500, { message: err instanceof Error ? err.message : String(err) });
      }
    });
  }

  /** `http://HOST:PORT`: POST `${url}/run` runs the target now. */
  get url(): string {
    return this.server.url;
  }

  async start(): Promise<string> {
    const url = await this.server.start(this.options.port ?? 0);
    const { everyMs } = this.options;
    if (everyMs) {
      // A tick while a run is under way or waiting adds nothing: that run covers it.
      this.timer = setInterval(() => {
        if (this.pending === 0) this.runNow().catch(this.options.onError);
      }, everyMs);
      this.timer.unref();
    }
    return url;
  }

  /** Runs the target once, after any run under way; resolves to its result. */
  runNow(): Promise<R> {
    this.pending++;
    const run = this.last.then(() => this.options.target());
    const settled = run.finally(() => this.pending--);
    this.last = settled.catch(() => undefined);
    return settled;
  }

  /** Resolves when no run is under way or waiting. */
  async idle(): Promise<void> {
    while (this.pending > 0) await this.last;
  }

  /** No more runs are taken (requests get 503); those under way finish and are answered. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.idle();
    await this.server.stop();
  }
}

export type { LocalScheduleOptions };
export { LocalSchedule };
