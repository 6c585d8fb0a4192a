import { InvalidInputError } from '../../core/errors';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/**
 * A `--since` / `--until` value: an ISO-8601 date or date-time (`2026-09-01`, `2026-09-01T12:00:00Z`), or an
 * age relative to `now` (`30m`, `12h`, `90d`, `2w`).
 * @throws InvalidInputError `USAGE` naming the flag.
 */
function parseTime(flag: string, value: string, now: Date): Date {
  const relative = /^(\d+)\s*([mhdw])$/i.exec(value.trim());
  if (relative) {
    const [, amount, unit] = relative;
    const ms = Number(amount) * UNIT_MS[(unit ?? 'd').toLowerCase() as keyof typeof UNIT_MS];
    return new Date(now.getTime() - ms);
  }
  const date = /^\d{4}-\d{2}-\d{2}/.test(value.trim()) ? new Date(value.trim()) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new InvalidInputError(
      'USAGE',
      `${flag}: ${JSON.stringify(value)} is not a date (use 2026-09-01, 2026-09-01T12:00:00Z, or an age like 90d, 12h, 30m, 2w)`,
      { field: flag },
    );
  }
  return date;
}

export { parseTime };
