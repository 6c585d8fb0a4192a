import { type Command, InvalidArgumentError } from 'commander';
import { RemediateError } from '../../core/errors';
import { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIO } from '../io';
import { untilSignal } from '../until-signal';
import type { SetExitCode } from './index';

interface ServeOptions {
  readonly port: number;
  readonly host: string;
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || port > 65535)
    throw new InvalidArgumentError('a port number 0–65535 (0: any free port)');
  return port;
}

/**
 * The remediation API on a local port, driving the Lambda handler through API Gateway-shaped events. Jobs run
 * in this process after Slack has its answer (or go to the remediator function, when one is configured); on
 * Ctrl-C it stops taking requests, lets in-flight requests and jobs finish, and exits 0.
 */
async function serve(ctx: CommandContext, options: ServeOptions): Promise<number> {
  const { requireSigningSecret, remediationHandlerOptions, SLACK_CLICK_BUDGET } =
    require('../../core/compose/remediation-handler-options') as typeof import('../../core/compose/remediation-handler-options');
  const { createRemediationHandler } =
    require('../../lambda/factories/remediation-handler') as typeof import('../../lambda/factories/remediation-handler');
  const { startRemediationApi } =
    require('../../local/api/RemediationApiServer') as typeof import('../../local/api/RemediationApiServer');
  const { createJsonLinesLogger } =
    require('../../local/api/json-lines-logger') as typeof import('../../local/api/json-lines-logger');
  const { buildRemediationDeps } =
    require('../../core/compose/build-remediation-deps') as typeof import('../../core/compose/build-remediation-deps');

  const { MacieSuppressions } =
    require('../../core/macie/MacieSuppressions') as typeof import('../../core/macie/MacieSuppressions');

  const settings = await ctx.settingsWithSlack();
  requireSigningSecret(settings);
  const logger = createJsonLinesLogger({ stream: ctx.io.stderr, level: ctx.options.verbose ? 'debug' : 'info' });
  const clients = ctx.clients();
  const { deps, inProcess, notifier } = buildRemediationDeps({
    settings,
    s3: clients.s3,
    dynamo: clients.dynamo,
    securityHub: () => clients.securityHub,
    remediator: { lambda: () => clients.lambda },
    suppressions: new MacieSuppressions({ client: clients.macie }),
    accounts: clients.reach,
    ownAccount: () => ctx.ownAccount(),
    background: true,
    logger,
    slack: SLACK_CLICK_BUDGET,
  });
  const handler = createRemediationHandler(await remediationHandlerOptions({ settings, deps, notifier, logger }));

  if (settings.slackApprovers.length + settings.slackApproverGroups.length === 0) {
    ctx.output.warn('no approvers configured (--approver or MACIE_REMEDIATE_SLACK_APPROVERS): every click is refused');
  }
  if (!notifier) ctx.output.warn('no SLACK_BOT_TOKEN or SLACK_WEBHOOK_URL: Slack messages will not be updated');
  const stopped = untilSignal();
  const api = await startRemediationApi({ handler, port: options.port, host: options.host }).catch((err: unknown) => {
    const code = (err as { code?: unknown }).code;
    if (code !== 'EADDRINUSE' && code !== 'EADDRNOTAVAIL') throw err;
    throw new RemediateError('USAGE', `cannot listen on ${options.host}:${options.port}: ${String(code)}`, {
      source: 'user',
    });
  });
  ctx.output.info(
    `Remediation API listening on ${api.url} (POST /slack/actions, GET /healthz); jobs run ${inProcess ? 'in this process' : `in ${settings.remediatorFunction}`}. Ctrl-C stops.`,
  );
  const signal = await stopped;
  logger.info('stopping: finishing in-flight requests and jobs', { signal });
  await api.stop();
  await inProcess?.idle();
  logger.info('stopped');
  return EXIT.OK;
}

function registerServe(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('serve')
    .summary('run the remediation API (Slack interactivity) on a local port')
    .description(
      'Run the remediation API on a local port: POST /slack/actions takes Slack button clicks (verified with ' +
        'SLACK_SIGNING_SECRET), GET /healthz answers 200. Each request becomes an API Gateway event for the handler ' +
        'the Lambda runs. Without a remediator function configured, moves run in this process. Logs are JSON lines ' +
        'on stderr. Slack needs HTTPS: put a tunnel in front and give Slack its URL + /slack/actions as the Request URL.',
    )
    .option('--port <n>', 'port to listen on (0: any free port)', parsePort, 3000)
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .action(async (options: ServeOptions, command: Command) => {
      setExitCode(await serve(new CommandContext(io, command), options));
    });
}

export { registerServe };
