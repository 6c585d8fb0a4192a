import type { Lease } from '../types/ledger';
import type { LeaseChange } from '../types/ports';

/** The lease a transition leaves on the record: the one it takes, or none (leaving a working state ends the job's hold). */
const leaseAfter = (change: LeaseChange | undefined): Lease | undefined =>
  change && 'take' in change ? change.take : undefined;

/**
 * Whether a transition's lease condition holds for the record's current lease: DynamoDbLedger's
 * ConditionExpression, evaluated in memory (ISO-8601 strings from toISOString compare as times).
 */
function leaseAllows(current: Lease | undefined, change: LeaseChange | undefined): boolean {
  if (!change) return true;
  if ('release' in change) return current?.owner === change.release;
  if (!current || current.expiresAt <= change.now) return true;
  return current.owner === change.take.owner || (change.abandoned !== undefined && current.owner === change.abandoned);
}

/** DynamoDB's form of {@link leaseAllows}, appended to the state condition. */
function leaseConditionExpression(change: LeaseChange | undefined): {
  readonly condition: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
} {
  if (!change) return { condition: '', names: {}, values: {} };
  const names = { '#lease': 'lease', '#leaseOwner': 'owner' };
  if ('release' in change) {
    return { condition: ' AND #lease.#leaseOwner = :releasing', names, values: { ':releasing': change.release } };
  }
  const owners = [change.take.owner, ...(change.abandoned === undefined ? [] : [change.abandoned])];
  const ownerValues = Object.fromEntries(owners.map((owner, i) => [`:leaseOwner${i}`, owner]));
  return {
    condition: ` AND (attribute_not_exists(#lease) OR #lease.#leaseExpiresAt <= :leaseNow OR #lease.#leaseOwner IN (${Object.keys(ownerValues).join(', ')}))`,
    names: { ...names, '#leaseExpiresAt': 'expiresAt' },
    values: { ':leaseNow': change.now, ...ownerValues },
  };
}

export { leaseAfter, leaseAllows, leaseConditionExpression };
