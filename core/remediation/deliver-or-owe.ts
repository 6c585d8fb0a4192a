import { type ErrorCode, RemediateError } from '../errors';
import type { LedgerRecord } from '../types/ledger';
import type { AnnotationPatch } from '../types/ports';
import type { WorkflowDeps } from './RemediationDeps';

/** An outside party the workflows tell about a decision (Slack, Security Hub), and how its debts are noted. */
interface Recipient {
  /** The record's flag that says something is owed to it. */
  readonly owedFlag: 'notificationOwed' | 'securityHubOwed';
  /** The error code its failures carry: only these become owed, anything else is a bug and is thrown. */
  readonly failure: ErrorCode;
  /** The history actions that note the debt and its payment. */
  readonly owed: string;
  readonly delivered: string;
  /** For the log: `Slack notification`. */
  readonly label: string;
}

type Delivery<T> =
  | { readonly delivered: true; readonly value: T }
  | { readonly delivered: false; readonly reason: string };

/**
 * Tells one recipient, or records on the ledger that it is owed. The recipient being down must never undo or
 * block a remediation, so its failure is recorded and swallowed; a later run (the next delivery, `backfill`,
 * the reconciler, the next state change) delivers it and clears the flag.
 */
async function deliverOrOwe<T>(
  deps: WorkflowDeps,
  record: LedgerRecord,
  recipient: Recipient,
  send: () => Promise<T>,
  /** What else the delivery taught the ledger (written with the payment of a debt, or alone). */
  learned: (value: T) => AnnotationPatch = () => ({}),
): Promise<Delivery<T>> {
  try {
    const value = await send();
    const patch = learned(value);
    if (record[recipient.owedFlag] || Object.keys(patch).length > 0) {
      await deps.ledger.annotate(
        record.findingId,
        { at: deps.clock().toISOString(), actor: 'system', action: recipient.delivered },
        { ...patch, ...(record[recipient.owedFlag] ? { [recipient.owedFlag]: false } : {}) },
      );
    }
    return { delivered: true, value };
  } catch (err) {
    if (!RemediateError.is(err) || err.code !== recipient.failure) throw err;
    return owe(deps, record, recipient, err.message);
  }
}

/** Records that `recipient` is owed this record's news, and why. */
async function owe(
  deps: WorkflowDeps,
  record: LedgerRecord,
  recipient: Recipient,
  reason: string,
): Promise<{ readonly delivered: false; readonly reason: string }> {
  deps.logger.warn(`${recipient.label} failed; recorded as owed`, { findingId: record.findingId, error: reason });
  await deps.ledger.annotate(
    record.findingId,
    { at: deps.clock().toISOString(), actor: 'system', action: recipient.owed, detail: reason },
    { [recipient.owedFlag]: true },
  );
  return { delivered: false, reason };
}

export type { Delivery, Recipient };
export { deliverOrOwe, owe };
