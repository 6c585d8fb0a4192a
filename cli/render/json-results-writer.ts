import type { Writable } from 'node:stream';
import type { OutcomeSummary, RemediationResult } from '../../core/types/outcome';
import { orderedResult } from './run-document';

/**
 * Streams the `--json` run document (`{"results": [...], "summary": {...}}`) one result at a time,
 * so a backfill of 100,000 findings never holds its results in memory. Still exactly one JSON document.
 */
class JsonResultsWriter {
  readonly #stream: Writable;
  #count = 0;

  constructor(stream: Writable) {
    this.#stream = stream;
    stream.write('{"results": [');
  }

  /** Resolves once the stream takes more (a slow reader holds the run back rather than filling memory). */
  async add(result: RemediationResult): Promise<void> {
    const more = this.#stream.write(`${this.#count++ === 0 ? '\n' : ',\n'}  ${JSON.stringify(orderedResult(result))}`);
    if (!more) await new Promise<void>((resolve) => this.#stream.once('drain', () => resolve()));
  }

  end(summary: OutcomeSummary): void {
    this.#stream.write(`${this.#count > 0 ? '\n' : ''}],\n"summary": ${JSON.stringify(summary)}}\n`);
  }
}

export { JsonResultsWriter };
