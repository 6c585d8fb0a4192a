import type { ObjectSnapshot } from './head-object';

type Comparison =
  | { readonly verdict: 'same'; readonly basis: 'checksum' | 'etag' }
  | { readonly verdict: 'different'; readonly reason: string }
  | { readonly verdict: 'unknown' };

/**
 * Whether two objects hold the same bytes, judged from HeadObject alone: equal size, then a full-object
 * checksum of the same algorithm (conclusive either way), then equal ETags. Anything else is `unknown`:
 * ETags differ for the same bytes under SSE-KMS or a different part layout, and composite checksums
 * depend on the part layout too.
 */
function compareObjects(original: ObjectSnapshot, copy: ObjectSnapshot): Comparison {
  if (original.size !== copy.size) {
    return { verdict: 'different', reason: `size ${copy.size} differs from the original's ${original.size}` };
  }
  const [a, b] = [original.checksum, copy.checksum];
  if (a && b && a.algorithm === b.algorithm && a.type === b.type) {
    if (a.value === b.value) return { verdict: 'same', basis: 'checksum' };
    if (a.type === 'FULL_OBJECT') {
      return {
        verdict: 'different',
        reason: `${a.algorithm} checksum ${b.value} differs from the original's ${a.value}`,
      };
    }
  }
  if (original.eTag !== '' && original.eTag === copy.eTag) return { verdict: 'same', basis: 'etag' };
  return { verdict: 'unknown' };
}

export type { Comparison };
export { compareObjects };
