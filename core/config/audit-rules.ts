import type { AuditRetentionMode } from '../types/settings';
import { type Resolution, report, resolveScalar, winner } from './resolve-setting';
import { fail, ok, type Rule } from './rule';
import { SETTING_SPECS } from './setting-specs';

/** A year: long enough for most audit cycles; raise it to what your regulator asks for. */
const DEFAULT_AUDIT_RETENTION_DAYS = 365;
/** GOVERNANCE by default: COMPLIANCE cannot be shortened or lifted by anyone, so it is a choice to make on purpose. */
const DEFAULT_AUDIT_RETENTION_MODE: AuditRetentionMode = 'GOVERNANCE';
/** S3 Object Lock's longest default retention in days (100 years). */
const MAX_RETENTION_DAYS = 36_500;

const retentionModeRule: Rule<AuditRetentionMode> = (input) => {
  const value = input.trim().toUpperCase();
  return value === 'COMPLIANCE' || value === 'GOVERNANCE' ? ok(value) : fail('must be COMPLIANCE or GOVERNANCE');
};

const retentionDaysRule: Rule<number> = (input) => {
  const value = Number(input.trim());
  return Number.isInteger(value) && value >= 1 && value <= MAX_RETENTION_DAYS
    ? ok(value)
    : fail(`must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`);
};

/** cdk.json holds a JSON number, `cdk -c` a string: both go through the one rule. */
function resolveAuditRetentionDays(r: Resolution): number {
  const spec = SETTING_SPECS.auditRetentionDays;
  const origin = winner(r, spec);
  if (!origin) return resolveScalar(r, spec, retentionDaysRule, DEFAULT_AUDIT_RETENTION_DAYS);
  if (typeof origin.value !== 'number' && typeof origin.value !== 'string') {
    report(r, spec, origin, 'must be a number of days');
    return DEFAULT_AUDIT_RETENTION_DAYS;
  }
  const result = retentionDaysRule(String(origin.value));
  if (!result.ok) {
    report(r, spec, origin, result.problem, origin.value);
    return DEFAULT_AUDIT_RETENTION_DAYS;
  }
  r.sources[spec.name] = origin.source;
  return result.value;
}

const resolveAuditRetentionMode = (r: Resolution): AuditRetentionMode =>
  resolveScalar(r, SETTING_SPECS.auditRetentionMode, retentionModeRule, DEFAULT_AUDIT_RETENTION_MODE);

export {
  DEFAULT_AUDIT_RETENTION_DAYS,
  DEFAULT_AUDIT_RETENTION_MODE,
  resolveAuditRetentionDays,
  resolveAuditRetentionMode,
  retentionDaysRule,
  retentionModeRule,
};
