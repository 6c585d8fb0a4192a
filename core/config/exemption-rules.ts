import { DEFAULT_EXEMPT_TAG } from '../policy/exemption';
import { bucketNameRule } from './aws-rules';
import { objectValue, type Resolution, report, resolveScalar, type SettingSpec, winner } from './resolve-setting';
import { fail, ok, type Rule } from './rule';

/** S3's rule for a tag key: 1 to 128 letters, digits, spaces and `_ . : / = + - @`, not starting with `aws:`. */
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;

/** An S3 object tag key. */
const exemptTagRule: Rule<string> = (input) => {
  if (input.toLowerCase().startsWith('aws:')) return fail('must not start with aws: (S3 reserves it)');
  return TAG_KEY.test(input)
    ? ok(input)
    : fail('must be an S3 tag key: 1 to 128 letters, digits, spaces and _ . : / = + - @');
};

const resolveExemptTag = (r: Resolution, spec: SettingSpec): string =>
  resolveScalar(r, spec, exemptTagRule, DEFAULT_EXEMPT_TAG);

/** `exemptPrefixes`: bucket → key prefixes whose objects are exempt (JSON in the environment). */
function resolveExemptPrefixes(r: Resolution, spec: SettingSpec): Record<string, readonly string[]> {
  const origin = winner(r, spec);
  if (!origin) return {};
  const value = objectValue(r, spec, origin, 'an object of bucket name to a list of key prefixes');
  if (!value) return {};
  const prefixes: Record<string, readonly string[]> = {};
  for (const [bucket, list] of Object.entries(value)) {
    const name = bucketNameRule(bucket);
    const label = { ...spec, label: `exempt prefixes of ${bucket}` };
    if (!name.ok) report(r, { ...spec, label: 'bucket in exemptPrefixes' }, origin, name.problem, bucket);
    else if (!Array.isArray(list) || list.some((p) => typeof p !== 'string' || p === '')) {
      report(r, label, origin, 'must be a list of non-empty key prefixes', list);
    } else prefixes[bucket] = list as string[];
  }
  r.sources[spec.name] = origin.source;
  return prefixes;
}

export { exemptTagRule, resolveExemptPrefixes, resolveExemptTag };
