import type { FindingObject } from '../types/finding';
import type { PolicyConfig } from '../types/policy';

/** The exemption tag's key unless `exemptTag` says otherwise: an object carrying it is known and allowed. */
const DEFAULT_EXEMPT_TAG = 'macie-remediate:exempt';

/**
 * Why this object is exempt, or undefined (pure). The tag is read from the finding (the tags Macie saw at
 * scan time), so a re-scan after `exempt` tagged the object is IGNORED without a read of S3.
 */
function exemption(
  object: FindingObject,
  config: Pick<PolicyConfig, 'exemptTag' | 'exemptPrefixes'>,
): string | undefined {
  const tag = config.exemptTag ?? DEFAULT_EXEMPT_TAG;
  if (object.tags?.some((t) => t.key === tag)) return `the object carries the exemption tag ${tag}`;
  const prefix = config.exemptPrefixes?.[object.bucket]?.find((p) => object.key.startsWith(p));
  if (prefix !== undefined) return `the object is under the exempt prefix ${prefix} of bucket ${object.bucket}`;
  return undefined;
}

export { DEFAULT_EXEMPT_TAG, exemption };
