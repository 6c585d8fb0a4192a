import * as z from 'zod/mini';
import { RemediateError } from '../errors';
import { REMEDIATION_ACTIONS } from '../policy/remediation-action';
import type { Finding } from '../types/finding';
import type { LedgerRecord } from '../types/ledger';
import type { AnnotationPatch, Transition } from '../types/ports';
import '../zod-messages';
import { LEDGER_STATES } from './finding-state';
import { chainHistory } from './history-chain';

/**
 * How a record is stored. Written with `schemaVersion` so a later version can tell old items apart;
 * read leniently, so an item from an earlier version (no schemaVersion, no optional fields, no
 * history) still reads, and attributes a later version adds are ignored here (and kept in the
 * table, since writes only ever SET the attributes they name).
 */
const SCHEMA_VERSION = 2;

/** Object claims share the table (its key is fixed by the public contract) under this prefix. */
const CLAIM_KEY_PREFIX = 'object#';

const eventSchema = z.object({
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  outcome: z.optional(z.string()),
  detail: z.optional(z.string()),
  reason: z.optional(z.string()),
});

/** The finding was parsed and normalised when it arrived; stored as-is, so only its shape is checked. */
const findingSchema = z.custom<Finding>(
  (value) => typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string',
);

const optionalString = z.optional(z.string());

const itemSchema = z.pipe(
  z.object({
    findingId: z.string(),
    state: z.enum(LEDGER_STATES),
    objectIdentity: z.string(),
    findingType: z.string(),
    severity: z.string(),
    source: z.object({
      bucket: z.string(),
      key: z.string(),
      versionId: optionalString,
      eTag: optionalString,
    }),
    decision: z.enum(['AUTO', 'REVIEW', 'IGNORE']),
    decisionReason: optionalString,
    remediation: z.optional(z.enum(REMEDIATION_ACTIONS)),
    accountName: optionalString,
    finding: z.optional(findingSchema),
    quarantine: z.optional(z.object({ bucket: z.string(), key: z.string() })),
    slack: z.optional(
      z.object({
        channel: z.string(),
        ts: optionalString,
        responseUrl: optionalString,
        responseUrlReceivedAt: optionalString,
        postedAt: z.string(),
      }),
    ),
    notificationOwed: z.optional(z.boolean()),
    securityHub: z.optional(z.object({ id: z.string(), productArn: z.string() })),
    securityHubOwed: z.optional(z.boolean()),
    linkedTo: optionalString,
    lease: z.optional(
      z.object({
        owner: z.string(),
        actor: z.string(),
        takenAt: z.string(),
        expiresAt: z.string(),
        host: optionalString,
        pid: z.optional(z.int()),
      }),
    ),
    restoreApproval: z.optional(z.object({ approver: z.string(), at: z.string() })),
    legalHold: z.optional(z.object({ at: z.string(), by: z.string(), reason: optionalString })),
    createdAt: z.string(),
    updatedAt: optionalString,
    version: z._default(z.int().check(z.nonnegative()), 0),
    history: z._default(z.array(eventSchema), []),
    schemaVersion: z.optional(z.number()),
  }),
  z.transform(({ schemaVersion, ...item }): LedgerRecord => {
    // Version 1 kept the policy's reason only as the detail of the record's first event.
    const reason = item.decisionReason ?? ((schemaVersion ?? 1) < 2 ? item.history[0]?.detail : undefined);
    return { ...item, ...(reason ? { decisionReason: reason } : {}), updatedAt: item.updatedAt ?? item.createdAt };
  }),
);

/** A stored item as a {@link LedgerRecord}, or the reason it cannot be read as one. */
function recordFromItem(
  item: Readonly<Record<string, unknown>>,
): { readonly record: LedgerRecord } | { readonly problem: string } {
  const parsed = itemSchema.safeParse(item);
  if (parsed.success) return { record: parsed.data };
  const problem = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(item)'}: ${issue.message}`);
  return { problem: problem.join('; ') };
}

/**
 * A new record as stored: its history hashed from the finding's genesis and the chain kept beside it
 * (core/ledger/history-chain). Reading drops both (the schema knows neither), so records never show them.
 */
const itemFromRecord = (record: LedgerRecord): Record<string, unknown> => ({
  ...record,
  ...chainHistory(record.findingId, record.history),
  schemaVersion: SCHEMA_VERSION,
});

/**
 * A stored item as a record, where the item is known to be one (written by this code).
 * @throws RemediateError `INTERNAL` for an item that does not read as a record.
 */
function recordFromStored(item: Readonly<Record<string, unknown>>): LedgerRecord {
  const read = recordFromItem(item);
  if ('record' in read) return read.record;
  throw new RemediateError('INTERNAL', `malformed ledger record: ${read.problem}`, {
    context: { findingId: String(item.findingId) },
  });
}

/**
 * The record exactly as it will read back: a deep copy that went through the same JSON-like storage
 * (undefined members dropped) and the same reader. Both ledgers return this, so they agree to the byte.
 * @throws RemediateError `INTERNAL` for a malformed record, before anything is written.
 */
const asStored = (record: LedgerRecord): LedgerRecord =>
  recordFromStored(JSON.parse(JSON.stringify(itemFromRecord(record))));

type PatchField = keyof NonNullable<Transition['patch']> | keyof AnnotationPatch;

/** What a transition may set besides the state, and the subset an annotation may set. */
const TRANSITION_FIELDS: readonly PatchField[] = ['quarantine', 'slack', 'notificationOwed', 'linkedTo', 'remediation'];
const ANNOTATION_FIELDS: readonly PatchField[] = ['slack', 'notificationOwed', 'securityHub', 'securityHubOwed'];

/** The patch members to write; `undefined` members are skipped, as DynamoDB cannot store them. */
function patchFields(
  patch: Readonly<Partial<Record<PatchField, unknown>>> | undefined,
  allowed: readonly PatchField[],
): readonly (readonly [PatchField, unknown])[] {
  return allowed.flatMap((field) => (patch?.[field] === undefined ? [] : [[field, patch[field]] as const]));
}

const claimKey = (objectIdentity: string): string => `${CLAIM_KEY_PREFIX}${objectIdentity}`;

export type { PatchField };
export {
  ANNOTATION_FIELDS,
  asStored,
  CLAIM_KEY_PREFIX,
  claimKey,
  itemFromRecord,
  patchFields,
  recordFromItem,
  recordFromStored,
  SCHEMA_VERSION,
  TRANSITION_FIELDS,
};
