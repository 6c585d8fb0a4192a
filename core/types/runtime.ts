/** Structured logger the core reports through; the doors choose where it goes (JSON lines, stderr, nowhere). */
interface Logger {
  debug(message: string, fields?: Readonly<Record<string, unknown>>): void;
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** Injected clock, so tests control time. */
type Clock = () => Date;

export type { Clock, Logger };
