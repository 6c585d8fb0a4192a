import { ConfigError } from '../../core/errors';
import type { CommandContext } from '../context';
import type { OperationEnv } from '../plan/operation-env';
import { cliActor } from './cli-actor';
import { outputLogger } from './output-logger';

/** The workflows' dependencies for a command that changes things, as the Lambdas build them. */
async function openOperationEnv(ctx: CommandContext): Promise<OperationEnv> {
  const { deps } = await ctx.remediation({ logger: outputLogger(ctx.output) });
  // buildRemediationDeps has already refused settings without one; this narrows the type.
  const quarantineBucket = ctx.settings().quarantineBucket;
  if (!quarantineBucket) throw new ConfigError(['quarantine bucket is not set']);
  return { deps, s3: ctx.clients().s3, quarantineBucket, actor: cliActor(ctx.io.env) };
}

export { openOperationEnv };
