/** `sourceBuckets: ["*"]`: every bucket, chosen on purpose (synth and deploy refuse an empty list). */
const ALL_BUCKETS = '*';

/** Whether a bucket is in scope: listed, or every bucket (`["*"]`, or the CLI's empty list). */
const inSourceScope = (sourceBuckets: readonly string[], bucket: string): boolean =>
  sourceBuckets.length === 0 || sourceBuckets.includes(ALL_BUCKETS) || sourceBuckets.includes(bucket);

export { ALL_BUCKETS, inSourceScope };
