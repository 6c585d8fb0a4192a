import type { MinSeverity } from '../types/policy';

const MIN_SEVERITIES: readonly MinSeverity[] = ['LOW', 'MEDIUM', 'HIGH'];

/** Same scale as Macie's `severity.score`: 1 = Low, 2 = Medium, 3 = High. */
const MIN_SEVERITY_SCORES: Readonly<Record<MinSeverity, 1 | 2 | 3>> = { LOW: 1, MEDIUM: 2, HIGH: 3 };

/** `medium`, `Medium`, `MEDIUM` → `MEDIUM`; undefined for anything else. */
function resolveMinSeverity(input: string): MinSeverity | undefined {
  const wanted = input.trim().toUpperCase();
  return MIN_SEVERITIES.find((level) => level === wanted);
}

export { MIN_SEVERITIES, MIN_SEVERITY_SCORES, resolveMinSeverity };
