import type { Logger } from '../../core/types/runtime';

interface LogLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly fields: Readonly<Record<string, unknown>>;
}

interface RecordingLogger {
  readonly logger: Logger;
  /** Every line, in the order logged. */
  readonly lines: LogLine[];
  /** The lines of one level, e.g. the warnings a parser gave. */
  at(level: LogLine['level']): LogLine[];
  /** Everything logged, messages and fields, as one string: to assert that no secret was ever logged. */
  text(): string;
}

/** A Logger that keeps every line, to assert what was logged (and that no secret was): the one for every test. */
function recordingLogger(): RecordingLogger {
  const lines: LogLine[] = [];
  const log =
    (level: LogLine['level']) =>
    (message: string, fields: Readonly<Record<string, unknown>> = {}) => {
      lines.push({ level, message, fields });
    };
  return {
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    lines,
    at: (level) => lines.filter((line) => line.level === level),
    text: () => lines.map((line) => `${line.message} ${JSON.stringify(line.fields)}`).join('\n'),
  };
}

export type { LogLine, RecordingLogger };
export { recordingLogger };
