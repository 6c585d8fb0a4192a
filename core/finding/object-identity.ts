import { RemediateError } from '../errors';
import type { Finding } from '../types/finding';

/**
 * `account/region/bucket/key#<versionId or eTag>`: the ledger's dedupe key. Macie reports a re-scan of
 * an unchanged object as a new finding with a new id; this identity stays the same. Keys may hold `#`,
 * so the pin is whatever follows the last `#` (version ids and ETags never contain one).
 * @throws RemediateError `INTERNAL` for a finding that names no object (a policy finding): callers decide first.
 */
function objectIdentity(finding: Finding): string {
  const { object } = finding;
  if (!object) throw new RemediateError('INTERNAL', `finding ${finding.id} names no S3 object`);
  const pin = object.versionId ?? object.eTag ?? '';
  return `${finding.accountId}/${finding.region}/${object.bucket}/${object.key}#${pin}`;
}

/** The identity's first two segments, when they look right (a record that kept no finding still tells whose object). */
function accountAndRegion(identity: string): { accountId?: string; region?: string } {
  const [accountId, region] = identity.split('/', 2);
  return /^\d{12}$/.test(accountId ?? '') && /^[a-z0-9-]+$/.test(region ?? '') ? { accountId, region } : {};
}

/** Whose object a ledger record is about: its finding's account, else its object identity's. */
const recordAccount = (record: {
  readonly finding?: { readonly accountId: string };
  readonly objectIdentity: string;
}): string | undefined => record.finding?.accountId ?? accountAndRegion(record.objectIdentity).accountId;

export { accountAndRegion, objectIdentity, recordAccount };
