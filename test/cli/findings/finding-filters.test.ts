import { buildFindingCriteria } from '../../../cli/findings/finding-criteria';
import { hasSelection, parseFindingFilters } from '../../../cli/findings/finding-filters';
import { parseTime } from '../../../cli/findings/parse-time';
import { RemediateError } from '../../../core/errors';

const NOW = new Date('2026-11-27T12:00:00.000Z');

/** The user error a call throws: code, message and the field it names. */
function userError(call: () => unknown): RemediateError {
  try {
    call();
  } catch (err) {
    if (RemediateError.isUserError(err)) return err;
    throw err;
  }
  throw new Error('expected a user error');
}

describe('Function: parseTime', () => {
  it.each([
    ['2026-09-01', '2026-09-01T00:00:00.000Z'],
    ['2026-09-01T12:30:00Z', '2026-09-01T12:30:00.000Z'],
    ['2026-09-01T12:30:00+02:00', '2026-09-01T10:30:00.000Z'],
    ['90d', '2026-08-29T12:00:00.000Z'],
    ['12h', '2026-11-27T00:00:00.000Z'],
    ['30m', '2026-11-27T11:30:00.000Z'],
    ['2w', '2026-11-13T12:00:00.000Z'],
    ['7D', '2026-11-20T12:00:00.000Z'],
  ])('reads %s as %s', (input, expected) => {
    expect(parseTime('--since', input, NOW).toISOString()).toBe(expected);
  });

  it.each(['yesterday', '90', '-5d', '2026-13-45', ''])('refuses %j naming the flag', (input) => {
    const err = userError(() => parseTime('--until', input, NOW));
    expect(err.code).toBe('USAGE');
    expect(err.message).toMatch(/^--until: /);
    expect(err.context.field).toBe('--until');
  });
});

describe('Function: parseFindingFilters', () => {
  it('resolves short and full types in any case, repeated or comma-separated, once each', () => {
    const filters = parseFindingFilters({ type: ['financial,Credentials', 'SensitiveData:S3Object/Financial'] }, NOW);
    expect(filters.types).toEqual(['SensitiveData:S3Object/Financial', 'SensitiveData:S3Object/Credentials']);
  });

  it('reads severities in any case, and Medium+ as "at least Medium", in Macie order', () => {
    expect(parseFindingFilters({ severity: ['HIGH', 'low'] }, NOW).severities).toEqual(['Low', 'High']);
    expect(parseFindingFilters({ severity: ['medium+'] }, NOW).severities).toEqual(['Medium', 'High']);
    expect(parseFindingFilters({ severity: ['Low+'] }, NOW).severities).toEqual(['Low', 'Medium', 'High']);
  });

  it('reads ledger states in any spelling, and new for findings the ledger does not have', () => {
    const filters = parseFindingFilters({ status: ['awaiting-review,Quarantined', 'new'] }, NOW);
    expect(filters.statuses).toEqual(['AWAITING_REVIEW', 'QUARANTINED', 'NEW']);
  });

  it.each([
    [{ type: ['Banking'] }, '--type', /"Banking" is not a sensitive-data finding type \(Credentials, CustomIdentifier/],
    [{ severity: ['urgent'] }, '--severity', /"urgent" is not a severity/],
    [{ status: ['done'] }, '--status', /"done" is not a ledger state \(ignored, awaiting_review/],
    [{ since: '2026-10-02', until: '2026-10-01' }, '--until', /must be later than --since/],
  ])('refuses %j naming %s', (options, flag, message) => {
    const err = userError(() => parseFindingFilters(options, NOW));
    expect(err.message.startsWith(`${flag}: `)).toBe(true);
    expect(err.message).toMatch(message);
  });

  it('knows whether anything narrows the selection', () => {
    expect(hasSelection(parseFindingFilters({}, NOW))).toBe(false);
    expect(hasSelection(parseFindingFilters({ includeArchived: true }, NOW))).toBe(false);
    expect(hasSelection(parseFindingFilters({ bucket: ['payroll'] }, NOW))).toBe(true);
    expect(hasSelection(parseFindingFilters({ since: '30d' }, NOW))).toBe(true);
  });
});

describe('Function: buildFindingCriteria', () => {
  it('asks only for sensitive-data findings that are not archived, when nothing else is given', () => {
    expect(buildFindingCriteria(parseFindingFilters({}, NOW))).toEqual({
      criterion: { category: { eq: ['CLASSIFICATION'] }, archived: { eq: ['false'] } },
    });
  });

  it('ORs the values of one flag, ANDs the flags, and bounds createdAt in epoch milliseconds', () => {
    const criteria = buildFindingCriteria(
      parseFindingFilters(
        {
          type: ['Financial', 'Personal'],
          severity: ['medium+'],
          bucket: ['payroll', 'hr'],
          since: '2026-09-01',
          until: '2026-10-01',
          status: ['new'],
        },
        NOW,
      ),
    );
    expect(criteria).toEqual({
      criterion: {
        category: { eq: ['CLASSIFICATION'] },
        archived: { eq: ['false'] },
        type: { eq: ['SensitiveData:S3Object/Financial', 'SensitiveData:S3Object/Personal'] },
        'severity.description': { eq: ['Medium', 'High'] },
        'resourcesAffected.s3Bucket.name': { eq: ['payroll', 'hr'] },
        createdAt: { gte: Date.parse('2026-09-01T00:00:00Z'), lt: Date.parse('2026-10-01T00:00:00Z') },
      },
    });
  });

  it('includes archived findings when asked, and leaves one bound open', () => {
    const criteria = buildFindingCriteria(parseFindingFilters({ includeArchived: true, until: '1d' }, NOW));
    expect(criteria.criterion?.archived).toBeUndefined();
    expect(criteria.criterion?.createdAt).toEqual({ lt: Date.parse('2026-11-26T12:00:00Z') });
  });
});
