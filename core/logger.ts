import type { Logger } from './types/runtime';

/** The default in core: say nothing. Doors inject a real logger. */
const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

const systemClock = (): Date => new Date();

export { silentLogger, systemClock };
