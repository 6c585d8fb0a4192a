/**
 * One ledger item as a write changed it (a DynamoDB stream record, unmarshalled by the door): the item
 * before and after, and the record's place in its shard.
 */
interface LedgerItemChange {
  /** The stream record's sequence number: names the batch, and where a retry resumes. */
  readonly sequenceNumber: string;
  /** Absent for an item the write created. */
  readonly oldItem?: Readonly<Record<string, unknown>>;
  /** Absent for an item the write removed. */
  readonly newItem?: Readonly<Record<string, unknown>>;
}

/**
 * One history event as the audit archive keeps it: one JSON line. The event is carried with every field
 * the ledger gave it (whatever later versions add rides along), beside the finding it belongs to.
 */
interface ArchivedEvent {
  readonly findingId: string;
  /** The event's place in the finding's history: with `findingId`, the same event however often delivered. */
  readonly index: number;
  readonly findingType?: string;
  readonly severity?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly event: Readonly<Record<string, unknown>> & { readonly at: string };
}

/** The audit archive's storage (an S3 Object Lock bucket): objects are written once, never replaced. */
interface AuditArchive {
  /** Writes `body` at `key` unless an object is already there ('exists': the same batch, delivered again). */
  write(key: string, body: string): Promise<'written' | 'exists'>;
  /** Every key under `prefix`, in key order, after `startAfter` when given. */
  keys(prefix: string, startAfter?: string): AsyncIterable<string>;
  read(key: string): Promise<string>;
}

/** What one batch of ledger changes became in the archive. */
interface ArchiveReport {
  /** History events appended by the batch's writes. */
  readonly events: number;
  readonly objects: readonly { readonly key: string; readonly status: 'written' | 'exists' | 'failed' }[];
  /** The first change whose events are not all archived: a retry resumes there. */
  readonly failedFrom?: string;
}

/**
 * What `audit --verify --from-archive` finds of one finding (core/audit/compare-archive): its history matches
 * the archive; `unarchived`, nothing to compare (no event archived, none old enough to be owed); or broken, and how.
 */
type ArchiveVerdict =
  | { readonly findingId: string; readonly status: 'intact' | 'unarchived' }
  | { readonly findingId: string; readonly status: 'broken'; readonly reason: string };

export type { ArchivedEvent, ArchiveReport, ArchiveVerdict, AuditArchive, LedgerItemChange };
