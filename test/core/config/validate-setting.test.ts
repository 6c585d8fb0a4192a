import * as v from '../../../core/config/validate-setting';

type Validator = (value: string) => string | undefined;

const TABLE: [string, Validator, valid: string[], invalid: [string, string][]][] = [
  [
    'validateMinSeverity',
    v.validateMinSeverity,
    ['LOW', 'medium', 'High'],
    [['SEVERE', 'must be LOW, MEDIUM or HIGH']],
  ],
  [
    'validateFindingType',
    v.validateFindingType,
    ['Financial', 'financial', 'SensitiveData:S3Object/CustomIdentifier', 'sensitivedata:s3object/multiple'],
    [
      [
        'Finance',
        'must be Credentials, CustomIdentifier, Financial, Multiple or Personal (optionally prefixed SensitiveData:S3Object/)',
      ],
    ],
  ],
  [
    'validateAction',
    v.validateAction,
    ['AUTO', 'review', 'Ignore'],
    [['QUARANTINE', 'must be AUTO, REVIEW or IGNORE']],
  ],
  [
    'validateChannel',
    v.validateChannel,
    ['C0123ABCD', 'G0123ABCD', '#security-alerts', 'macie_findings', 'a'.repeat(80)],
    [
      ['General', 'must be a channel id (C… or G…) or a channel name (lowercase letters, digits, - and _, at most 80)'],
      [
        '#has space',
        'must be a channel id (C… or G…) or a channel name (lowercase letters, digits, - and _, at most 80)',
      ],
      [
        'a'.repeat(81),
        'must be a channel id (C… or G…) or a channel name (lowercase letters, digits, - and _, at most 80)',
      ],
      ['', 'must be a channel id (C… or G…) or a channel name (lowercase letters, digits, - and _, at most 80)'],
    ],
  ],
  [
    'validateTeamId',
    v.validateTeamId,
    ['T0123ABCD'],
    [['acme', 'must be a Slack team id (T followed by capitals and digits)']],
  ],
  [
    'validateApprover',
    v.validateApprover,
    ['U0123ABCD', 'W0123ABCD', 'S0123ABCD'],
    [
      ['alice', 'must be a Slack user id (U… or W…) or user group id (S…)'],
      ['C0123ABCD', 'must be a Slack user id (U… or W…) or user group id (S…)'],
    ],
  ],
  [
    'validateSourceBucket',
    v.validateSourceBucket,
    ['my-bucket', 'a.b.c', '123', 'x'.repeat(63), '*'],
    [
      ['ab', 'must be 3 to 63 characters long'],
      ['x'.repeat(64), 'must be 3 to 63 characters long'],
      ['My_Bucket', 'must use lowercase letters, digits, . and - only, and start and end with a letter or digit'],
      ['-bucket', 'must use lowercase letters, digits, . and - only, and start and end with a letter or digit'],
      ['a..b', 'must not contain two dots in a row'],
      ['192.168.1.1', 'must not look like an IP address'],
      ['xn--bucket', 'must not start with xn--'],
      ['sthree-bucket', 'must not start with sthree-'],
      ['my-bucket-s3alias', 'must not end with -s3alias'],
      ['my-bucket--ol-s3', 'must not end with --ol-s3'],
    ],
  ],
  [
    'validateStackName',
    v.validateStackName,
    ['MacieRemediate', 'macie-remediate-dev'],
    [['1stack', 'must start with a letter and use letters, digits and - only (at most 128)']],
  ],
  [
    'validateSecretId',
    v.validateSecretId,
    ['macie-remediate/slack', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:macie-remediate/slack-AbCdEf'],
    [['has space', 'must be a secret name (letters, digits and /_+=.@-) or a secret ARN']],
  ],
  [
    'validateRegion',
    v.validateRegion,
    ['us-east-1', 'us-gov-west-1', 'ap-southeast-2'],
    [['mars', 'must be an AWS Region such as us-east-1']],
  ],
  ['validateBotToken', v.validateBotToken, ['xoxb-1-2-abc'], [['xoxp-1-2', 'must be a bot token (xoxb-…)']]],
];

describe.each(TABLE)('%s', (_, validate, valid, invalid) => {
  it.each(valid)('accepts %j', (value) => {
    expect(validate(value)).toBeUndefined();
  });

  it.each(invalid)('rejects %j: %s', (value, problem) => {
    expect(validate(value)).toBe(problem);
  });
});
