/** A value quoted for POSIX shells: single quotes, with each inner single quote closed, escaped and reopened. */
const shellQuote = (value: string): string => `'${value.replace(/'/g, `'\\''`)}'`;

/** `export NAME='value'` lines, for `eval "$(macie-remediate local up)"` or copying into another terminal. */
const shellExports = (env: Readonly<Record<string, string>>): string =>
  Object.entries(env)
    .map(([name, value]) => `export ${name}=${shellQuote(value)}\n`)
    .join('');

export { shellExports };
