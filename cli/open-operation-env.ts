import { userInfo } from 'node:os';
import { ConfigError } from '../core/errors';
import type { CommandContext } from './context';
import { outputLogger } from './output';
import type { OperationEnv } from './plan/operation-env';

/** `cli:<os user>`: who acted from the terminal, as the ledger and Slack record it. */
function cliActor(env: Readonly<Record<string, string | undefined>>): string {
  let name: string | undefined;
  try {
    name = userInfo().username;
  } catch {
    // No passwd entry (some containers): fall back to the shell's idea of the user.
  }
  return `cli:${name || env.USER || env.USERNAME || 'unknown'}`;
}

/** The workflows' dependencies for a command that changes things, as the Lambdas build them. */
async function openOperationEnv(ctx: CommandContext): Promise<OperationEnv> {
  const { deps, accounts } = await ctx.remediation({ logger: outputLogger(ctx.output) });
  // buildRemediationDeps has already refused settings without one; this narrows the type.
  const quarantineBucket = ctx.settings().quarantineBucket;
  if (!quarantineBucket) throw new ConfigError(['quarantine bucket is not set']);
  return {
    deps,
    s3: ctx.clients().s3,
    ...(accounts ? { accounts } : {}),
    quarantineBucket,
    actor: cliActor(ctx.io.env),
    // Asked only when it counts: a second approver must be another AWS identity.
    ...(deps.restoreApprovals === 2 ? { approver: await ctx.callerPrincipal() } : {}),
  };
}

export { openOperationEnv };
