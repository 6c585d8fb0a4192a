import { ALL_BUCKETS } from '../policy/source-scope';
import { fail, httpUrlRule, ok, type Rule } from './rule';

const matches =
  (pattern: RegExp, problem: string): Rule<string> =>
  (input) => {
    const value = input.trim();
    return pattern.test(value) ? ok(value) : fail(problem);
  };

const BUCKET_PREFIXES = ['xn--', 'sthree-', 'amzn-s3-demo-'];
const BUCKET_SUFFIXES = ['-s3alias', '--ol-s3', '.mrap', '--x-s3', '--table-s3'];

/**
 * S3's general-purpose bucket naming rules. Legacy us-east-1 names with capitals or `_` are
 * rejected: S3 has not allowed them since 2018.
 */
const bucketNameRule: Rule<string> = (input) => {
  const name = input.trim();
  if (name.length < 3 || name.length > 63) return fail('must be 3 to 63 characters long');
  if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name))
    return fail('must use lowercase letters, digits, . and - only, and start and end with a letter or digit');
  if (name.includes('..')) return fail('must not contain two dots in a row');
  if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return fail('must not look like an IP address');
  const prefix = BUCKET_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) return fail(`must not start with ${prefix}`);
  const suffix = BUCKET_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) return fail(`must not end with ${suffix}`);
  return ok(name);
};

/** A source bucket's name, or `*` for every bucket. */
const sourceBucketRule: Rule<string> = (input) =>
  input.trim() === ALL_BUCKETS ? ok(ALL_BUCKETS) : bucketNameRule(input);

const stackNameRule = matches(
  /^[A-Za-z][A-Za-z0-9-]{0,127}$/,
  'must start with a letter and use letters, digits and - only (at most 128)',
);

const tableNameRule = matches(/^[A-Za-z0-9_.-]{3,255}$/, 'must be 3 to 255 letters, digits, _, . or -');

const secretIdRule = matches(
  /^(arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:)?[A-Za-z0-9/_+=.@-]{1,512}$/,
  'must be a secret name (letters, digits and /_+=.@-) or a secret ARN',
);

const functionNameRule = matches(
  /^(arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:)?[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_$-]+)?$/,
  'must be a Lambda function name or ARN',
);

// An ARN, not a bare id or alias: its Region is checked against each bucket's before a seal writes anything.
const kmsKeyArnRule = matches(
  /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/,
  'must be a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>)',
);

const regionRule = matches(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS Region such as us-east-1');

const profileRule = matches(/^\S+$/, 'must be a profile name from the AWS config files');

const endpointUrlRule: Rule<string> = httpUrlRule;

export {
  bucketNameRule,
  endpointUrlRule,
  functionNameRule,
  kmsKeyArnRule,
  profileRule,
  regionRule,
  secretIdRule,
  sourceBucketRule,
  stackNameRule,
  tableNameRule,
};
