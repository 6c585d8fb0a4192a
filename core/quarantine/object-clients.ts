import type { ObjectClients } from '../aws/account-clients';
import type { EngineContext } from './engine-context';
import { StepFailure } from './StepFailure';

/**
 * The clients for one source object, resolved before any call on it: an account out of scope, or a member
 * role that cannot be assumed, fails the inspect step and nothing moves (a plan skips it as FAILED, same reason).
 */
async function objectClients(
  ctx: Pick<EngineContext, 's3' | 'accounts'>,
  account?: string,
  region?: string,
): Promise<ObjectClients> {
  if (!ctx.accounts) return { source: ctx.s3, intoQuarantine: ctx.s3 };
  const access = await ctx.accounts.forObject(account, region);
  if (!access.ok) throw new StepFailure('inspect', 'access-denied', access.reason);
  return access.clients;
}

export { objectClients };
