import { type Resolution, resolveScalar } from './resolve-setting';
import { fail, ok, type Rule } from './rule';
import { SETTING_SPECS } from './setting-specs';

/** Hourly: a dropped event waits at most an hour, for about 720 short runs a month. */
const DEFAULT_RECONCILE_SCHEDULE = 'rate(1 hour)';

const RATE = /^rate\((\d+) (minute|hour|day)(s?)\)$/;
// EventBridge's six cron fields: minutes hours day-of-month month day-of-week year.
const CRON = /^cron\(\S+( \S+){5}\)$/;

/**
 * An EventBridge schedule expression: `rate(N unit)` (singular unit for 1, plural otherwise, as
 * EventBridge insists) or `cron(…)` with its six fields.
 */
const scheduleRule: Rule<string> = (input) => {
  const value = input.trim();
  if (CRON.test(value)) return ok(value);
  const rate = RATE.exec(value);
  if (!rate)
    return fail('must be an EventBridge schedule: rate(1 hour), rate(30 minutes), cron(0 * * * ? *), or "" for none');
  const count = Number(rate[1]);
  if (count < 1) return fail('must repeat at least once per unit: rate(1 hour), not rate(0 hours)');
  if ((count === 1) !== (rate[3] === '')) return fail(`must say rate(1 ${rate[2]}) or rate(N ${rate[2]}s)`);
  return ok(value);
};

/** `reconcileSchedule`: `""` turns the reconciler off (where elsewhere an empty cdk.json value means "not set"). */
function resolveReconcileSchedule(r: Resolution): string {
  const spec = SETTING_SPECS.reconcileSchedule;
  if (spec.cdk && r.inputs.cdk[spec.cdk] === '') {
    r.sources[spec.name] = 'cdk.json';
    return '';
  }
  return resolveScalar(r, spec, scheduleRule, DEFAULT_RECONCILE_SCHEDULE);
}

export { DEFAULT_RECONCILE_SCHEDULE, resolveReconcileSchedule, scheduleRule };
