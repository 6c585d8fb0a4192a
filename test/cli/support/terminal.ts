import { PassThrough, Writable } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { type CliRun, type RunOptions, runOn } from './captured-io';

/** A writable that keeps what was written; `isTTY` makes it look like a terminal to prompts and renderers. */
class Screen extends Writable {
  raw = '';
  readonly columns = 200;
  readonly rows = 50;

  constructor(readonly isTTY: boolean) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.raw += chunk.toString();
    this.emit('written');
    done();
  }

  /** Like process.stdout and stderr, which `pipe()` never ends: each prompt pipes its output here and ends it. */
  override end(): this {
    return this;
  }

  /** What was written, without cursor movement and colour codes. */
  get text(): string {
    return stripVTControlCharacters(this.raw);
  }
}

/**
 * The CLI on a pretend terminal. Keys are typed only once the question they answer is on screen: a prompt
 * that does not exist yet would lose them (piping all input at once fails).
 */
class Terminal {
  readonly stdin = Object.assign(new PassThrough(), { isTTY: true, isRaw: false, setRawMode: () => {} });
  readonly stdout = new Screen(true);
  readonly stderr = new Screen(true);
  private answered = 0;

  run(args: readonly string[], options: Pick<RunOptions, 'env' | 'cwd'>): Promise<CliRun> {
    return runOn(this, true, args, options);
  }

  /** Resolves with the screen since the last answer once it shows `pattern`. */
  waitFor(pattern: string | RegExp, timeoutMs = 10_000): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const since = this.stderr.text.slice(this.answered);
        if (typeof pattern === 'string' ? since.includes(pattern) : pattern.test(since)) {
          clearTimeout(timer);
          this.stderr.off('written', check);
          resolve(since);
        }
      };
      const timer = setTimeout(() => {
        this.stderr.off('written', check);
        reject(
          new Error(`not on screen: ${String(pattern)}\n--- screen ---\n${this.stderr.text.slice(this.answered)}`),
        );
      }, timeoutMs);
      this.stderr.on('written', check);
      check();
    });
  }

  /** Waits for the question, then types the keys (`\r` is Enter). Resolves with the screen it answered. */
  async answer(question: string | RegExp, keys: string, timeoutMs?: number): Promise<string> {
    const screen = await this.waitFor(question, timeoutMs);
    this.answered = this.stderr.text.length;
    this.stdin.write(keys);
    return screen;
  }
}

const KEYS = { enter: '\r', down: '\x1b[B', clearLine: '\x15' } as const;

export { KEYS, Terminal };
