import { ALL_BUCKETS } from '../policy/source-scope';

/**
 * Synth and deploy refuse an empty `sourceBuckets`: the stack would grant the remediator every bucket of the
 * account, and nobody chose that. `["*"]` is the explicit choice; the CLI alone reads empty as every bucket.
 */
const NO_SOURCE_BUCKETS =
  'cdk.json context "sourceBuckets" is empty: name the buckets the remediator may move objects out of ' +
  '(["finance-data"]), or ["*"] for every bucket of the account (macie-remediate init --source-bucket NAME or \'*\')';

const sourceBucketsChosen = (sourceBuckets: readonly string[]): boolean => sourceBuckets.length > 0;

/** "Every bucket and also these" contradicts itself. */
const ALL_BUCKETS_ALONE = `"${ALL_BUCKETS}" (every bucket) must be the only entry`;

const allBucketsNotAlone = (sourceBuckets: readonly string[]): boolean =>
  sourceBuckets.length > 1 && sourceBuckets.includes(ALL_BUCKETS);

export { ALL_BUCKETS_ALONE, allBucketsNotAlone, NO_SOURCE_BUCKETS, sourceBucketsChosen };
