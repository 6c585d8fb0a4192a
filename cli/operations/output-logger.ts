import type { Logger } from '../../core/types/runtime';
import type { Output } from '../output';

const describe = (message: string, fields?: Readonly<Record<string, unknown>>): string =>
  fields && Object.keys(fields).length > 0 ? `${message} ${JSON.stringify(fields)}` : message;

/** The core's logger on the terminal: warnings and errors always (stderr), the rest with --verbose. */
function outputLogger(output: Output): Logger {
  return {
    debug: (message, fields) => output.debug(describe(message, fields)),
    info: (message, fields) => output.debug(describe(message, fields)),
    warn: (message, fields) => output.warn(describe(message, fields)),
    error: (message, fields) => output.warn(describe(message, fields)),
  };
}

export { outputLogger };
