import { validateRegion } from '../core/config';
import { ConfigError } from '../core/errors';
import type { AdminStackRefs } from './MemberStack';
import { ORGANIZATION_TARGET } from './names';
import type { ContextReader } from './stack-config';

/**
 * What `deploy` adds to the context for the stacks beside the admin stack (`cdk -c` works alike):
 *   memberOf: the admin stack's outputs a member stack is built from (its presence adds the member stack);
 *   memberTargets: OU or root ids (adds the StackSet stack);
 *   homeRegion: where forwarded findings go (needed with forwardRegions).
 */
interface DeployTargets {
  readonly memberOf?: AdminStackRefs;
  readonly memberTargets: readonly string[];
  readonly homeRegion?: string;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const KMS_KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[\w-]+$/;
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

const parsed = (raw: unknown): unknown => {
  if (typeof raw !== 'string' || !/^\s*[[{]/.test(raw)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
};

function readMemberOf(raw: unknown, problems: string[]): AdminStackRefs | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const refs = raw as Partial<Record<keyof AdminStackRefs, unknown>>;
  const valid =
    typeof refs === 'object' &&
    typeof refs.remediatorRoleArn === 'string' &&
    ROLE_ARN.test(refs.remediatorRoleArn) &&
    typeof refs.quarantineBucketName === 'string' &&
    BUCKET_NAME.test(refs.quarantineBucketName) &&
    typeof refs.quarantineKeyArn === 'string' &&
    KMS_KEY_ARN.test(refs.quarantineKeyArn);
  if (valid) return refs as AdminStackRefs;
  problems.push(
    'context "memberOf": must hold the admin stack\'s remediatorRoleArn, quarantineBucketName and quarantineKeyArn',
  );
  return undefined;
}

function readDeployTargets(read: ContextReader): DeployTargets {
  const problems: string[] = [];
  const memberOf = readMemberOf(parsed(read('memberOf')), problems);
  let targets = parsed(read('memberTargets')) ?? [];
  if (typeof targets === 'string') targets = targets.split(',').map((id) => id.trim());
  const memberTargets = Array.isArray(targets) ? targets.filter((id) => id !== '') : [];
  if (!Array.isArray(targets) || memberTargets.some((id) => !ORGANIZATION_TARGET.test(String(id))))
    problems.push('context "memberTargets": must list OU or root ids (ou-…, r-…)');
  if (memberTargets.length > 0 && !memberOf) problems.push('context "memberTargets" needs "memberOf"');
  const homeRegion = read('homeRegion');
  if (homeRegion !== undefined && (typeof homeRegion !== 'string' || validateRegion(homeRegion) !== undefined))
    problems.push('context "homeRegion": must be a Region name');
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(memberOf ? { memberOf } : {}),
    memberTargets: memberTargets as string[],
    ...(typeof homeRegion === 'string' ? { homeRegion } : {}),
  };
}

export type { DeployTargets };
export { readDeployTargets };
