import { rmSync } from 'node:fs';
import type { Command } from 'commander';
import type { ReconcileReport } from '../../core/reconcile/reconcile';
import type { StackState } from '../../local/stack/state-file';
import { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIO } from '../io';
import type { SetExitCode } from './index';

interface LocalOptions {
  readonly stateDir?: string;
  readonly purge?: boolean;
}

const stateDirOf = (options: LocalOptions): string => {
  if (options.stateDir) return options.stateDir;
  const { defaultStateDir } =
    require('../../local/stack/default-state-dir') as typeof import('../../local/stack/default-state-dir');
  return defaultStateDir();
};

/** The environment as `export` lines on stdout (or one JSON object), what to do with it on stderr. */
function printEnv(ctx: CommandContext, state: StackState): void {
  const { shellExports } = require('../render/shell-exports') as typeof import('../render/shell-exports');
  ctx.output.info(
    `Local Slack channel: ${state.urls.slackPage}\n` +
      `State: ${state.stateDir} (pid ${state.pid}). Stop it with: macie-remediate local down [--purge]\n` +
      'Use it from this shell: eval "$(macie-remediate local up)"; then e.g. macie-remediate list findings',
  );
  ctx.output.result(state.env, () => shellExports(state.env));
}

async function up(ctx: CommandContext, options: LocalOptions): Promise<number> {
  const { runningStack, startDetachedStack } =
    require('../../local/stack/detached-stack') as typeof import('../../local/stack/detached-stack');
  const stateDir = stateDirOf(options);
  const running = await runningStack(stateDir);
  if (running) {
    ctx.output.info(`The local stack is already running (pid ${running.pid}).`);
    printEnv(ctx, running);
    return EXIT.OK;
  }
  ctx.output.info(`Starting the local stack in ${stateDir} …`);
  printEnv(ctx, await startDetachedStack(stateDir));
  return EXIT.OK;
}

async function down(ctx: CommandContext, options: LocalOptions): Promise<number> {
  const { stopDetachedStack } =
    require('../../local/stack/detached-stack') as typeof import('../../local/stack/detached-stack');
  const stateDir = stateDirOf(options);
  const stopped = await stopDetachedStack(stateDir);
  ctx.output.info(stopped ? `Stopped the local stack (pid ${stopped.pid}).` : 'No local stack was running.');
  if (options.purge) {
    rmSync(stateDir, { recursive: true, force: true });
    ctx.output.info(`Removed ${stateDir}.`);
  }
  return EXIT.OK;
}

/** Runs the running stack's reconciler now (its schedule's `POST /run`) and prints its report. */
async function reconcileNow(ctx: CommandContext, options: LocalOptions): Promise<number> {
  const { runningStack } =
    require('../../local/stack/detached-stack') as typeof import('../../local/stack/detached-stack');
  const { reconcileFailed, renderReconcileReport } =
    require('../render/reconcile-report') as typeof import('../render/reconcile-report');
  const state = await runningStack(stateDirOf(options));
  // A stack started before the local reconciler existed records no URL for it.
  if (!state?.urls.reconciler) {
    ctx.output.info(
      state
        ? 'The running local stack has no reconciler: restart it with macie-remediate local down && macie-remediate local up'
        : 'No local stack is running: start one with macie-remediate local up',
    );
    return EXIT.USAGE;
  }
  const answer = await fetch(`${state.urls.reconciler}/run`, { method: 'POST' });
  const body = (await answer.json()) as ReconcileReport | { message?: string };
  if (!answer.ok || !('complete' in body)) {
    const why = 'message' in body ? String(body.message) : `HTTP ${answer.status}`;
    ctx.output.info(`The local reconciler failed: ${why}; see ${state.stateDir}/local.log`);
    return EXIT.FAILED;
  }
  ctx.output.result(body, () => renderReconcileReport(body));
  return reconcileFailed(body) ? EXIT.FAILED : EXIT.OK;
}

function registerLocal(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  const local = program
    .command('local')
    .summary('keep the local stack running, to try every command without AWS or Slack')
    .description(
      'The embedded local stack (S3, DynamoDB, STS, Organizations, Macie, Security Hub and Slack stand-ins, the remediation API, the reconciler every minute and ' +
        'a Slack channel page) as a background process. `local up` prints the environment that points every other ' +
        'command at it; `local reconcile` runs the reconciler now.',
    );
  const stateDirOption = ['--state-dir <dir>', 'where the stack keeps its files (default: the user cache)'] as const;
  local
    .command('up')
    .summary('start the local stack in the background and print its environment')
    .description(
      'Start the local stack in the background (or find it running) and print its environment as export lines ' +
        '(--json: one JSON object): AWS_ENDPOINT_URL_S3/_DYNAMODB/_MACIE2, SLACK_API_URL, SLACK_BOT_TOKEN, ' +
        'SLACK_SIGNING_SECRET and the MACIE_REMEDIATE_* names. There is no local Secrets Manager: the Slack ' +
        'credentials are in the environment instead. Objects and the ledger persist in the state directory.',
    )
    .option(...stateDirOption)
    .action(async (options: LocalOptions, command: Command) => {
      setExitCode(await up(new CommandContext(io, command), options));
    });
  local
    .command('reconcile')
    .summary('run the local reconciler now, as its schedule does every minute')
    .description(
      "Run the running stack's reconciler now: the deployed reconciler's code (reconcileSchedule), which reads " +
        "Macie's findings updated since its watermark and takes each through the finding handler's path " +
        '(findings whose event never arrived are decided now), then takes up owed messages and dead jobs. ' +
        '`local up` runs it every minute by itself. Prints what it did (--json: its report).',
    )
    .option(...stateDirOption)
    .action(async (options: LocalOptions, command: Command) => {
      setExitCode(await reconcileNow(new CommandContext(io, command), options));
    });
  local
    .command('down')
    .summary('stop the local stack (--purge: and delete its files)')
    .option(...stateDirOption)
    .option('--purge', 'also delete the state directory (objects, ledger, logs)')
    .action(async (options: LocalOptions, command: Command) => {
      setExitCode(await down(new CommandContext(io, command), options));
    });
}

export { registerLocal };
