import { describeLocation, headObject } from '../../core/quarantine/head-object';
import { mapConcurrent } from '../../core/quarantine/map-concurrent';
import { resultFromRecord } from '../../core/remediation/result-from-record';
import type { LedgerRecord } from '../../core/types/ledger';
import type { RemediationResult } from '../../core/types/outcome';
import type { OperationEnv } from './operation-env';
import type { RestorePlan, RestorePlanItem } from './plan-schema';

interface RestorePlanOptions {
  /** Plan restores over objects that now exist at the original location (they get overwritten). */
  readonly force: boolean;
  readonly concurrency: number;
}

type PlanEntry = { readonly item: RestorePlanItem } | { readonly skipped: RemediationResult };

async function planOne(env: OperationEnv, record: LedgerRecord, options: RestorePlanOptions): Promise<PlanEntry> {
  const result = resultFromRecord(record);
  if (record.state === 'RESTORED') return { skipped: { ...result, reason: 'already restored' } };
  if (record.state !== 'QUARANTINED') {
    return {
      skipped: {
        ...result,
        outcome: 'FAILED',
        reason: `not in quarantine (${record.state.toLowerCase()}): nothing to restore`,
      },
    };
  }
  if (!record.quarantine) {
    return { skipped: { ...result, outcome: 'FAILED', reason: 'the ledger has no quarantine location for it' } };
  }
  const { bucket, key, versionId } = record.source;
  const original = { bucket, key };
  if (!options.force) {
    try {
      const occupant = await headObject(env.s3, original, 'inspect');
      if (occupant) {
        return {
          skipped: {
            ...result,
            outcome: 'CONFLICT',
            reason: `an object now exists at ${describeLocation(original)}; --force overwrites it`,
          },
        };
      }
    } catch (err) {
      return { skipped: { ...result, outcome: 'FAILED', reason: (err as Error).message } };
    }
  }
  return {
    item: {
      findingId: record.findingId,
      type: record.findingType,
      severity: record.severity,
      object: record.quarantine,
      target: { bucket, key, ...(versionId ? { versionId } : {}) },
    },
  };
}

/**
 * The exact plan of a restore: each quarantined finding's copy and where it goes back; an object now
 * at the original location is a CONFLICT (restore never overwrites without --force). Changes nothing.
 */
async function buildRestorePlan(
  env: OperationEnv,
  records: readonly LedgerRecord[],
  options: RestorePlanOptions,
): Promise<RestorePlan> {
  const entries = await mapConcurrent(records, options.concurrency, (r) => planOne(env, r, options));
  return {
    version: 1,
    kind: 'restore',
    createdAt: env.deps.clock().toISOString(),
    createdBy: env.actor,
    quarantineBucket: env.quarantineBucket,
    force: options.force,
    items: entries.flatMap((e) => ('item' in e ? [e.item] : [])),
    skipped: entries.flatMap((e) => ('skipped' in e ? [e.skipped] : [])),
  };
}

export type { RestorePlanOptions };
export { buildRestorePlan };
