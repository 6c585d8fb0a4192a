/** Every outcome a command or handler reports (the public contract: README, "Outcomes"). */
const OUTCOMES = [
  'QUARANTINED',
  'ALREADY_QUARANTINED',
  'SOURCE_MISSING',
  'STALE',
  'RESTORED',
  'CONFLICT',
  'NOTIFIED',
  'DISMISSED',
  'IGNORED',
  'PLANNED',
  // A restore that needs another approver: recorded, nothing moved.
  'PENDING_APPROVAL',
  // A legal hold put on, or taken off, a quarantined copy (`hold`, `release`): nothing moved.
  'HELD',
  'RELEASED',
  'FAILED',
] as const;

type Outcome = (typeof OUTCOMES)[number];

interface ObjectLocation {
  readonly bucket: string;
  readonly key: string;
  readonly versionId?: string;
}

/** One item of a `remediate` / `restore` / `backfill` run, in its `--json` shape. */
interface RemediationResult {
  readonly findingId: string;
  readonly outcome: Outcome;
  readonly source: ObjectLocation;
  readonly quarantine?: { readonly bucket: string; readonly key: string };
  /** Plain words: why it failed, was stale, ignored, ... */
  readonly reason?: string;
}

/** Counts per outcome, for `summary`. */
type OutcomeSummary = Partial<Record<Outcome, number>>;

export type { ObjectLocation, Outcome, OutcomeSummary, RemediationResult };
export { OUTCOMES };
