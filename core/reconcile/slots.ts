/** A counting semaphore: at most `size` tasks hold a slot; `acquire` waits for one to free up. */
class Slots {
  #free: number;
  readonly #size: number;
  readonly #waiting: (() => void)[] = [];

  constructor(size: number) {
    this.#size = size;
    this.#free = size;
  }

  async acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return;
    }
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }

  /** Resolves when every slot is free again: all tasks have finished. */
  async idle(): Promise<void> {
    for (let i = 0; i < this.#size; i++) await this.acquire();
    for (let i = 0; i < this.#size; i++) this.release();
  }
}

export { Slots };
