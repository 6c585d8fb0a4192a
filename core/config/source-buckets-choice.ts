/**
 * Synth and deploy refuse an empty `sourceBuckets`: the stack would grant the remediator every bucket of the
 * account, and nobody chose that. `["*"]` is the explicit choice; the CLI alone reads empty as every bucket.
 */
const NO_SOURCE_BUCKETS =
  'cdk.json context "sourceBuckets" is empty: name the buckets the remediator may move objects out of ' +
  '(["finance-data"]), or ["*"] for every bucket of the account (macie-remediate init --source-bucket NAME or \'*\')';

const sourceBucketsChosen = (sourceBuckets: readonly string[]): boolean => sourceBuckets.length > 0;

export { NO_SOURCE_BUCKETS, sourceBucketsChosen };
