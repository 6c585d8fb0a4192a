import { decide as decideFor } from '../../../core/policy/decide';
import { type Finding, SENSITIVE_DATA_TYPES, type SeverityDescription } from '../../../core/types/finding';
import type { Action, MinSeverity, PolicyConfig } from '../../../core/types/policy';
import { buildFinding, FIXTURE_ACCOUNT } from '../../support/fixtures';

const DEFAULTS: PolicyConfig['autoRemediateConfig'] = {
  'SensitiveData:S3Object/Credentials': 'AUTO',
  'SensitiveData:S3Object/CustomIdentifier': 'REVIEW',
  'SensitiveData:S3Object/Financial': 'AUTO',
  'SensitiveData:S3Object/Multiple': 'REVIEW',
  'SensitiveData:S3Object/Personal': 'REVIEW',
};
const MIXED: PolicyConfig['autoRemediateConfig'] = {
  'SensitiveData:S3Object/Credentials': 'IGNORE',
  'SensitiveData:S3Object/Personal': 'AUTO',
};

/** The fixtures' findings belong to the account of the credentials in use unless a test says otherwise. */
const OWN = FIXTURE_ACCOUNT;
const MEMBER = '222233334444';
const OTHER = '444455556666';
const decide = (finding: Finding, policy: PolicyConfig) => decideFor(finding, policy, OWN);

const config = (overrides: Partial<PolicyConfig> = {}): PolicyConfig => ({
  autoRemediateConfig: DEFAULTS,
  minSeverity: 'LOW',
  sourceBuckets: [],
  ...overrides,
});

/** Whether a severity passes a minimum: rows are minimums, columns Low / Medium / High. */
const PASSES: Record<MinSeverity, Record<SeverityDescription, boolean>> = {
  LOW: { Low: true, Medium: true, High: true },
  MEDIUM: { Low: false, Medium: true, High: true },
  HIGH: { Low: false, Medium: false, High: true },
};

/** The action each configuration gives each type (when severity and scope pass). */
const ACTIONS: [string, PolicyConfig['autoRemediateConfig'], Record<string, Action>][] = [
  [
    'defaults',
    DEFAULTS,
    { Credentials: 'AUTO', CustomIdentifier: 'REVIEW', Financial: 'AUTO', Multiple: 'REVIEW', Personal: 'REVIEW' },
  ],
  [
    'empty (every type missing)',
    {},
    { Credentials: 'REVIEW', CustomIdentifier: 'REVIEW', Financial: 'REVIEW', Multiple: 'REVIEW', Personal: 'REVIEW' },
  ],
  [
    'mixed',
    MIXED,
    { Credentials: 'IGNORE', CustomIdentifier: 'REVIEW', Financial: 'REVIEW', Multiple: 'REVIEW', Personal: 'AUTO' },
  ],
];

const cases = ACTIONS.flatMap(([configName, autoRemediateConfig, byType]) =>
  SENSITIVE_DATA_TYPES.flatMap((type) =>
    (['LOW', 'MEDIUM', 'HIGH'] as const).flatMap((minSeverity) =>
      (['Low', 'Medium', 'High'] as const).map((severity) => {
        const short = type.slice(type.indexOf('/') + 1);
        const expected = PASSES[minSeverity][severity] ? byType[short] : 'IGNORE';
        return { configName, autoRemediateConfig, type, minSeverity, severity, expected };
      }),
    ),
  ),
);

describe('decide', () => {
  it.each(cases)(
    '$configName config, $type, severity $severity, minimum $minSeverity → $expected',
    ({ autoRemediateConfig, type, minSeverity, severity, expected }) => {
      // Prepare
      const finding = buildFinding({ type, severity });

      // Act
      const decision = decide(finding, config({ autoRemediateConfig, minSeverity }));

      // Assess
      expect(decision.action).toBe(expected);
      expect(decision.reason).not.toBe('');
    },
  );

  it.each<[string, Parameters<typeof buildFinding>[0], Partial<PolicyConfig>, string, string]>([
    ['archived', { archived: true }, {}, 'ARCHIVED', 'the finding is archived (suppressed in Macie)'],
    ['sample', { sample: true }, {}, 'SAMPLE', 'it is a Macie sample finding (its bucket does not exist)'],
    [
      'policy',
      { type: 'Policy:IAMUser/S3BucketPublic' },
      {},
      'POLICY_FINDING',
      'Policy:IAMUser/S3BucketPublic is a bucket policy finding, with no object to quarantine',
    ],
    [
      'below minimum',
      { severity: 'Low' },
      { minSeverity: 'MEDIUM' },
      'BELOW_MIN_SEVERITY',
      'severity Low is below the minimum MEDIUM',
    ],
    [
      'out of scope',
      { bucket: 'other-bucket' },
      { sourceBuckets: ['in-scope-bucket'] },
      'BUCKET_OUT_OF_SCOPE',
      'bucket other-bucket is not one of the source buckets',
    ],
    [
      'type ignored',
      { type: 'Personal' },
      { autoRemediateConfig: { 'SensitiveData:S3Object/Personal': 'IGNORE' } },
      'TYPE_IGNORED',
      'Personal findings are set to IGNORE',
    ],
  ])('ignores a finding that is %s, saying why', (_, overrides, policy, ignoreReason, reason) => {
    expect(decide(buildFinding(overrides), config(policy))).toEqual({ action: 'IGNORE', ignoreReason, reason });
  });

  it('explains AUTO and REVIEW in plain words', () => {
    expect(decide(buildFinding({ type: 'Financial' }), config()).reason).toBe(
      'Financial findings are set to AUTO: quarantined without review',
    );
    expect(decide(buildFinding({ type: 'Personal' }), config()).reason).toBe('Personal findings are set to REVIEW');
    expect(decide(buildFinding({ type: 'Personal' }), config({ autoRemediateConfig: {} })).reason).toBe(
      'Personal findings are not configured, so they need review',
    );
  });

  it('keeps buckets in scope when sourceBuckets lists them, and all buckets when it is ["*"] or empty', () => {
    const finding = buildFinding({ type: 'Financial', bucket: 'in-scope-bucket' });
    expect(decide(finding, config({ sourceBuckets: ['x-bucket', 'in-scope-bucket'] })).action).toBe('AUTO');
    expect(decide(finding, config({ sourceBuckets: ['*'] })).action).toBe('AUTO');
    expect(decide(finding, config({ sourceBuckets: [] })).action).toBe('AUTO');
  });

  it('reviews a sensitive-data type this version does not know, never AUTO', () => {
    // Prepare
    const finding = { ...buildFinding(), type: 'SensitiveData:S3Object/Biometric' };

    // Act
    const decision = decide(finding, config());

    // Assess
    expect(decision).toEqual({
      action: 'REVIEW',
      remediation: 'QUARANTINE',
      reason: 'Biometric findings are a type this version does not know, so they need review',
    });
  });

  it('ignores a classification finding that is not about sensitive data in an object', () => {
    // Prepare
    const { object: _, ...withoutObject } = buildFinding();

    // Act & Assess
    expect(decide({ ...buildFinding(), type: 'Other:Thing' }, config())).toMatchObject({
      ignoreReason: 'NOT_SENSITIVE_DATA',
    });
    expect(decide(withoutObject, config())).toMatchObject({ ignoreReason: 'NOT_SENSITIVE_DATA' });
  });

  it('names the most basic reason first: archived beats sample beats severity beats scope beats type', () => {
    // Prepare
    const strict = config({
      minSeverity: 'HIGH',
      sourceBuckets: ['elsewhere'],
      autoRemediateConfig: { 'SensitiveData:S3Object/Personal': 'IGNORE' },
    });
    const base = { type: 'Personal', severity: 'Low', bucket: 'b1' } as const;

    // Act & Assess
    expect(decide(buildFinding({ ...base, archived: true, sample: true }), strict)).toMatchObject({
      ignoreReason: 'ARCHIVED',
    });
    expect(decide(buildFinding({ ...base, sample: true }), strict)).toMatchObject({ ignoreReason: 'SAMPLE' });
    expect(decide(buildFinding(base), strict)).toMatchObject({ ignoreReason: 'BELOW_MIN_SEVERITY' });
    expect(decide(buildFinding({ ...base, severity: 'High' }), strict)).toMatchObject({
      ignoreReason: 'BUCKET_OUT_OF_SCOPE',
    });
    expect(decide(buildFinding({ ...base, severity: 'High', bucket: 'elsewhere' }), strict)).toMatchObject({
      ignoreReason: 'TYPE_IGNORED',
    });
  });

  describe('accounts', () => {
    const financial = (accountId: string) => buildFinding({ type: 'Financial', severity: 'High', accountId });

    it('acts on the own account and the listed member accounts, and ignores every other account, saying so', () => {
      const policy = config({ memberAccounts: [MEMBER] });
      expect(decideFor(financial(OWN), policy, OWN).action).toBe('AUTO');
      expect(decideFor(financial(MEMBER), policy, OWN).action).toBe('AUTO');
      expect(decideFor(financial(OTHER), policy, OWN)).toEqual({
        action: 'IGNORE',
        ignoreReason: 'ACCOUNT_OUT_OF_SCOPE',
        reason: `account ${OTHER} is not in scope (memberAccounts)`,
      });
    });

    it('takes every account with memberAccounts ["*"], and only the listed ones while the own account is unknown', () => {
      expect(decideFor(financial(OTHER), config({ memberAccounts: ['*'] }), undefined).action).toBe('AUTO');
      expect(decideFor(financial(MEMBER), config({ memberAccounts: [MEMBER] }), undefined).action).toBe('AUTO');
      expect(decideFor(financial(OWN), config(), undefined)).toMatchObject({ ignoreReason: 'ACCOUNT_OUT_OF_SCOPE' });
    });

    it("decides a member's findings with that account's overrides, and the others' with the global policy", () => {
      const policy = config({
        memberAccounts: [MEMBER],
        accountPolicies: {
          [MEMBER]: {
            autoRemediateConfig: { 'SensitiveData:S3Object/Financial': 'REVIEW' },
            minSeverity: 'HIGH',
            sourceBuckets: ['member-data'],
          },
        },
      });
      const member = (overrides: Parameters<typeof buildFinding>[0]) =>
        buildFinding({ type: 'Financial', severity: 'High', bucket: 'member-data', accountId: MEMBER, ...overrides });

      expect(decideFor(member({}), policy, OWN)).toMatchObject({ action: 'REVIEW' });
      expect(decideFor(member({ severity: 'Medium' }), policy, OWN)).toMatchObject({
        ignoreReason: 'BELOW_MIN_SEVERITY',
      });
      expect(decideFor(member({ bucket: 'other' }), policy, OWN)).toMatchObject({
        ignoreReason: 'BUCKET_OUT_OF_SCOPE',
      });
      expect(decideFor(financial(OWN), policy, OWN)).toMatchObject({ action: 'AUTO' });
    });
  });
});

describe('decide: how the object is remediated', () => {
  const personal = (severity: SeverityDescription): Finding =>
    buildFinding({ type: 'SensitiveData:S3Object/Personal', severity });

  it('quarantines a type no remediation action names', () => {
    expect(decide(personal('High'), config())).toMatchObject({ action: 'REVIEW', remediation: 'QUARANTINE' });
  });

  it("takes a type's action, or its severity's, and quarantines the severities it leaves out", () => {
    // Prepare
    const remediationActions = {
      'SensitiveData:S3Object/Personal': { MEDIUM: 'TAG', HIGH: 'SEAL' },
      'SensitiveData:S3Object/Financial': 'SEAL',
    } as const;
    const policy = config({ remediationActions });

    // Act / Assess
    expect(decide(personal('Medium'), policy)).toMatchObject({ remediation: 'TAG' });
    expect(decide(personal('High'), policy)).toMatchObject({ remediation: 'SEAL' });
    expect(decide(personal('Low'), policy)).toMatchObject({ remediation: 'QUARANTINE' });
    expect(decide(buildFinding({ type: 'SensitiveData:S3Object/Financial' }), policy)).toEqual({
      action: 'AUTO',
      remediation: 'SEAL',
      reason: 'Financial findings are set to AUTO: sealed in place without review',
    });
  });

  it("uses an account's own remediation actions for that account's findings", () => {
    // Prepare
    const policy = config({
      remediationActions: { 'SensitiveData:S3Object/Financial': 'SEAL' },
      memberAccounts: ['444455556666'],
      accountPolicies: { '444455556666': { remediationActions: { 'SensitiveData:S3Object/Financial': 'TAG' } } },
    });

    // Act
    const member = decide(buildFinding({ accountId: '444455556666' }), policy);
    const own = decide(buildFinding(), policy);

    // Assess
    expect(member).toMatchObject({ remediation: 'TAG' });
    expect(own).toMatchObject({ remediation: 'SEAL' });
  });
});

describe('decide: exemptions', () => {
  const tagged = (tags: { key: string; value: string }[]): Finding => {
    const finding = buildFinding();
    return { ...finding, object: { ...(finding.object as NonNullable<Finding['object']>), tags } };
  };

  it('ignores an object carrying the exemption tag, whatever its value', () => {
    // Act
    const decision = decide(tagged([{ key: 'macie-remediate:exempt', value: '' }]), config());

    // Assess
    expect(decision).toEqual({
      action: 'IGNORE',
      ignoreReason: 'EXEMPT',
      reason: 'the object carries the exemption tag macie-remediate:exempt: exempt',
    });
  });

  it('reads the exemption tag from exemptTag', () => {
    const object = tagged([{ key: 'dlp-allowed', value: 'yes' }]);
    expect(decide(object, config({ exemptTag: 'dlp-allowed' }))).toMatchObject({ ignoreReason: 'EXEMPT' });
    expect(decide(object, config())).toMatchObject({ action: 'AUTO' });
    const defaultTag = tagged([{ key: 'macie-remediate:exempt', value: 'true' }]);
    expect(decide(defaultTag, config({ exemptTag: 'dlp-allowed' }))).toMatchObject({ action: 'AUTO' });
  });

  it("ignores an object under one of its bucket's exempt prefixes, and only that bucket's", () => {
    // Prepare
    const finding = buildFinding();
    const { bucket, key } = finding.object as NonNullable<Finding['object']>;
    const prefix = key.slice(0, key.indexOf('/') + 1);

    // Act / Assess
    expect(decide(finding, config({ exemptPrefixes: { [bucket]: ['other/', prefix] } }))).toEqual({
      action: 'IGNORE',
      ignoreReason: 'EXEMPT',
      reason: `the object is under the exempt prefix ${prefix} of bucket ${bucket}: exempt`,
    });
    expect(decide(finding, config({ exemptPrefixes: { 'another-bucket': [prefix] } }))).toMatchObject({
      action: 'AUTO',
    });
  });

  it('names a more basic cause first: an out-of-scope bucket is not called exempt', () => {
    const finding = tagged([{ key: 'macie-remediate:exempt', value: '' }]);
    expect(decide(finding, config({ sourceBuckets: ['elsewhere'] }))).toMatchObject({
      ignoreReason: 'BUCKET_OUT_OF_SCOPE',
    });
  });
});
