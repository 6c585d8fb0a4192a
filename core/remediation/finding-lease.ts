import { randomUUID } from 'node:crypto';
import { isWorking } from '../ledger/finding-state';
import type { Lease, LedgerRecord } from '../types/ledger';
import type { WorkflowDeps } from './RemediationDeps';

/**
 * How long a job holds a finding without renewing: the remediator Lambda's timeout (15 minutes), so a
 * lease outlives any job the remediator runs and expires soon after one that was killed.
 */
const LEASE_DURATION_MS = 15 * 60 * 1000;

/** A fresh lease for one job of `actor`, with this process's host and pid where the door knows them. */
function newLease(deps: WorkflowDeps, actor: string): Lease {
  const now = deps.clock();
  return {
    owner: `${actor}#${randomUUID()}`,
    actor,
    takenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + LEASE_DURATION_MS).toISOString(),
    ...deps.leaseProbe?.holder,
  };
}

/**
 * Whether the record's lease no longer protects anyone: none, expired, or (CLI) its process is gone.
 * `abandoned` names a live-but-dead holder, for the takeover's condition.
 */
function leaseState(
  deps: WorkflowDeps,
  record: LedgerRecord,
): { readonly free: true; readonly abandoned?: string } | { readonly free: false; readonly holder: Lease } {
  const { lease } = record;
  if (!lease || lease.expiresAt <= deps.clock().toISOString()) return { free: true };
  if (deps.leaseProbe?.isAbandoned(lease)) return { free: true, abandoned: lease.owner };
  return { free: false, holder: lease };
}

/** A working record whose job died (killed run, timed-out Lambda): the next run may finish it. */
const isInterrupted = (deps: WorkflowDeps, record: LedgerRecord): boolean =>
  isWorking(record.state) && leaseState(deps, record).free;

/** How long a run waits for another one at work on the same finding or object (about 10 s in all). */
const WAIT_STEPS_MS: readonly number[] = [250, 500, 1000, 2000, 2000, 2000, 2250];

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Polls the ledger, with backoff and for a bounded time, while `busy` holds for the record. */
async function waitWhile(
  deps: WorkflowDeps,
  record: LedgerRecord,
  busy: (record: LedgerRecord) => boolean,
): Promise<LedgerRecord> {
  const sleep = deps.sleep ?? defaultSleep;
  let current = record;
  for (const ms of WAIT_STEPS_MS) {
    if (!busy(current)) return current;
    await sleep(ms);
    current = (await deps.ledger.get(record.findingId)) ?? current;
  }
  return current;
}

/** "in progress by cli:alice since …", for a run that finds another one at work. */
const inProgress = (lease: Lease | undefined): string =>
  lease ? `in progress by ${lease.actor} since ${lease.takenAt}` : 'in progress';

export { inProgress, isInterrupted, LEASE_DURATION_MS, leaseState, newLease, waitWhile };
