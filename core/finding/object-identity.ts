import { RemediateError } from '../errors';
import type { Finding } from '../types/finding';

/**
 * `account/region/bucket/key#<versionId or eTag>`: the ledger's dedupe key. Macie reports a re-scan of
 * an unchanged object as a new finding with a new id; this identity stays the same. Keys may hold `#`,
 * so the pin is whatever follows the last `#` (version ids and ETags never contain one).
 * @throws RemediateError `INTERNAL` for a finding that names no object (a policy finding): callers decide first.
 */
function objectIdentity(finding: Finding): string {
  const pin = finding.object?.versionId ?? finding.object?.eTag ?? '';
  return `${objectLocation(finding)}#${pin}`;
}

/**
 * `account/region/bucket/key`: where the object lives, whatever its version. A restore into a versioned
 * bucket gives the same bytes a new version id, so a restored object is found again by its location.
 * @throws RemediateError `INTERNAL` for a finding that names no object.
 */
function objectLocation(finding: Finding): string {
  const { object } = finding;
  if (!object) throw new RemediateError('INTERNAL', `finding ${finding.id} names no S3 object`);
  return `${finding.accountId}/${finding.region}/${object.bucket}/${object.key}`;
}

/** The location part of an object identity (what precedes its last `#`). */
const locationOfIdentity = (identity: string): string => identity.slice(0, identity.lastIndexOf('#'));

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

export { accountAndRegion, locationOfIdentity, objectIdentity, objectLocation, recordAccount };
