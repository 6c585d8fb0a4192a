import type { Writable } from 'node:stream';
import type { Clock, Logger } from '../../core/types/runtime';

type Level = 'debug' | 'info' | 'warn' | 'error';

const RANK: Readonly<Record<Level, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

interface JsonLinesLoggerOptions {
  readonly stream: Writable;
  /** @default 'info' */
  readonly level?: Level;
  readonly clock?: Clock;
  /** @default 'macie-remediate' */
  readonly service?: string;
}

/**
 * One JSON object per line, with the keys Powertools writes in the Lambdas (level, message, timestamp,
 * service), so `serve` logs read like the deployed handler's.
 */
function createJsonLinesLogger(options: JsonLinesLoggerOptions): Logger {
  const threshold = RANK[options.level ?? 'info'];
  const clock = options.clock ?? (() => new Date());
  const service = options.service ?? 'macie-remediate';
  const write =
    (level: Level) =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      if (RANK[level] < threshold) return;
      const line = { level: level.toUpperCase(), message, timestamp: clock().toISOString(), service, ...fields };
      options.stream.write(`${JSON.stringify(line)}\n`);
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export type { JsonLinesLoggerOptions };
export { createJsonLinesLogger };
