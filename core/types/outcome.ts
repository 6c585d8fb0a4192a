import type { RemediationAction } from './policy';

/** Every outcome a command or handler reports (the public contract: README, "Outcomes"). */
const OUTCOMES = [
  'QUARANTINED',
  'ALREADY_QUARANTINED',
  // The other remediation actions: re-encrypted in place with the quarantine key; tagged for access policies.
  'SEALED',
  'TAGGED',
  // The object tagged exempt and the finding dismissed (`exempt`, Slack's Exempt).
  'EXEMPTED',
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
  /** How the object was (or is to be) remediated, for results of remediate jobs and plans. */
  readonly action?: RemediationAction;
  /** Plain words: why it failed, was stale, ignored, ... */
  readonly reason?: string;
}

/** Counts per outcome, for `summary`. */
type OutcomeSummary = Partial<Record<Outcome, number>>;

export type { ObjectLocation, Outcome, OutcomeSummary, RemediationResult };
export { OUTCOMES };
