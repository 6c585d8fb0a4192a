import { validateRegion } from '../../core/config';
import { InvalidInputError } from '../../core/errors';
import {
  forwardingStackName,
  MEMBER_STACK_INPUTS,
  memberStackName,
  memberStackSetStackName,
  ORGANIZATION_TARGET,
} from '../../infra/names';
import { OUTPUTS_FILE, readStackOutputs } from '../stack-outputs-file';

/** What one `deploy` run deploys: the admin stack (and its forwarding stacks), or the member stack. */
type DeployTarget =
  | { readonly kind: 'admin'; readonly regions?: readonly string[] }
  /** The member stack as a StackSet over these OUs or roots. */
  | { readonly kind: 'member-stackset'; readonly organizationalUnitIds: readonly string[] }
  /** The member stack in the account of the credentials in use. */
  | { readonly kind: 'member-account' };

const usage = (message: string) => new InvalidInputError('USAGE', message);

const splitList = (value: string) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');

/** `--members [ids]` and `--regions <list>`, checked before anything is synthesized or deployed. */
function parseDeployTarget(flags: { members?: string | boolean; regions?: string }): DeployTarget {
  if (flags.members !== undefined && flags.regions !== undefined)
    throw usage('--members and --regions deploy different stacks: run deploy once for each');
  if (flags.regions !== undefined) {
    const regions = splitList(flags.regions);
    const bad = regions.filter((region) => validateRegion(region) !== undefined);
    if (regions.length === 0 || bad.length > 0)
      throw usage(`--regions: ${bad[0] ?? '(none)'} is not a Region name (e.g. eu-west-1,us-east-2)`);
    return { kind: 'admin', regions: [...new Set(regions)] };
  }
  if (flags.members === undefined) return { kind: 'admin' };
  if (flags.members === true) return { kind: 'member-account' };
  const ids = splitList(String(flags.members));
  const bad = ids.filter((id) => !ORGANIZATION_TARGET.test(id));
  if (ids.length === 0 || bad.length > 0)
    throw usage(`--members: ${bad[0] ?? '(none)'} is not an organizational unit or root id (ou-…, r-…)`);
  return { kind: 'member-stackset', organizationalUnitIds: [...new Set(ids)] };
}

/** The stacks of the app a target deploys. */
function targetStacks(target: DeployTarget, stackName: string, forwardRegions: readonly string[]): string[] {
  if (target.kind === 'member-account') return [memberStackName(stackName)];
  if (target.kind === 'member-stackset') return [memberStackSetStackName(stackName)];
  return [stackName, ...forwardRegions.map((region) => forwardingStackName(stackName, region))];
}

/**
 * The admin stack's outputs a member stack is built from, as `deploy` saved them in the admin account. In a
 * member account, copy the admin's cdk.outputs.json beside cdk.json.
 */
function memberOf(dir: string, stackName: string): Record<string, string> {
  const outputs = readStackOutputs(dir, stackName) ?? {};
  const missing = Object.values(MEMBER_STACK_INPUTS).filter((key) => !outputs[key]);
  if (missing.length > 0)
    throw usage(
      `deploy --members needs ${missing.join(', ')} of ${stackName} in ${OUTPUTS_FILE}: deploy the admin stack first ` +
        `(or copy its ${OUTPUTS_FILE} here)`,
    );
  return Object.fromEntries(Object.entries(MEMBER_STACK_INPUTS).map(([name, key]) => [name, outputs[key] as string]));
}

export type { DeployTarget };
export { memberOf, parseDeployTarget, targetStacks };
