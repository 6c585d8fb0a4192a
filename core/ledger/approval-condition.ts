import type { RestoreApproval } from '../types/ledger';

/**
 * Whether a transition's second-approver condition holds for the record's pending approval: DynamoDbLedger's
 * ConditionExpression, evaluated in memory. No condition asked: it holds.
 */
function approvalAllows(pending: RestoreApproval | undefined, secondApprover: string | undefined): boolean {
  if (secondApprover === undefined) return true;
  return pending !== undefined && pending.approver !== secondApprover;
}

/** DynamoDB's form of {@link approvalAllows}, appended to the state condition. */
function approvalConditionExpression(secondApprover: string | undefined): {
  readonly condition: string;
  readonly names: Record<string, string>;
  readonly values: Record<string, unknown>;
} {
  if (secondApprover === undefined) return { condition: '', names: {}, values: {} };
  return {
    condition: ' AND attribute_exists(#restoreApproval) AND #restoreApproval.#approver <> :secondApprover',
    names: { '#restoreApproval': 'restoreApproval', '#approver': 'approver' },
    values: { ':secondApprover': secondApprover },
  };
}

export { approvalAllows, approvalConditionExpression };
