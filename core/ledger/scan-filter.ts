import type { RecordFilter } from './record-filter';

/** The Scan filter for a query; DynamoDB rejects names or values the expression does not use. */
function scanFilter(filter: RecordFilter): {
  FilterExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
} {
  const conditions = ['attribute_exists(#state)'];
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = {};
  if (filter.states) {
    const keys = filter.states.map((state, i) => {
      values[`:state${i}`] = state;
      return `:state${i}`;
    });
    conditions.push(`#state IN (${keys.join(', ')})`);
  }
  if (filter.since !== undefined || filter.until !== undefined) names['#createdAt'] = 'createdAt';
  if (filter.since !== undefined) {
    values[':since'] = filter.since;
    conditions.push('#createdAt >= :since');
  }
  if (filter.until !== undefined) {
    values[':until'] = filter.until;
    conditions.push('#createdAt < :until');
  }
  return {
    FilterExpression: conditions.join(' AND '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

export { scanFilter };
