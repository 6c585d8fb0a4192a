import { ALL_ACCOUNTS } from '../policy/account-scope';
import { fail, ok, type Rule } from './rule';

const matches =
  (pattern: RegExp, problem: string): Rule<string> =>
  (input) => {
    const value = input.trim();
    return pattern.test(value) ? ok(value) : fail(problem);
  };

const accountIdRule = matches(/^\d{12}$/, 'must be a 12-digit AWS account id');

/** A member account's id, or `*` for every account whose findings arrive. */
const memberAccountRule: Rule<string> = (input) =>
  input.trim() === ALL_ACCOUNTS ? ok(ALL_ACCOUNTS) : accountIdRule(input);

/** IAM's role name rules (the path is not part of the name). */
const roleNameRule = matches(/^[\w+=,.@-]{1,64}$/, 'must be an IAM role name: 1 to 64 letters, digits and +=,.@_-');

const organizationIdRule = matches(/^o-[a-z0-9]{10,32}$/, 'must be an AWS Organizations id such as o-a1b2c3d4e5');

/** Roles and users only: a member role trusts named principals, never an account root or a wildcard. */
const principalArnRule = matches(
  /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]{1,512}$/,
  'must be an IAM role or user ARN such as arn:aws:iam::111122223333:role/SecurityOperator',
);

export { accountIdRule, memberAccountRule, organizationIdRule, principalArnRule, roleNameRule };
