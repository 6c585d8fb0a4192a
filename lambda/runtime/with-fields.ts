import type { Logger } from '../../core/types/runtime';

/** A logger that adds `fields` (finding id, correlation id) to every line. */
function withFields(logger: Logger, fields: Readonly<Record<string, unknown>>): Logger {
  const merge = (extra?: Readonly<Record<string, unknown>>) => ({ ...fields, ...extra });
  return {
    debug: (message, extra) => logger.debug(message, merge(extra)),
    info: (message, extra) => logger.info(message, merge(extra)),
    warn: (message, extra) => logger.warn(message, merge(extra)),
    error: (message, extra) => logger.error(message, merge(extra)),
  };
}

export { withFields };
