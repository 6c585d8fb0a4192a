import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { LocalStack } from '../../local/stack/LocalStack';
import { CommandContext } from '../context';
import type { DemoSteps } from '../demo/steps';
import { EXIT } from '../exit-codes';
import type { CliIO } from '../io';
import { outputLogger } from '../output';
import { untilSignal } from '../until-signal';
import type { SetExitCode } from './index';

interface DemoOptions {
  readonly open?: boolean;
  readonly stateDir?: string;
}

/** Narrates what the user does in the browser while `--open` keeps the stack up. */
function narrateLive(stack: LocalStack, write: (line: string) => void): void {
  const { renderEmoji } = require('../../local/slack-page/emoji') as typeof import('../../local/slack-page/emoji');
  const { headline } = require('../demo/checks') as typeof import('../demo/checks');
  stack.slack.on('update', (message) => write(`  ↻ Slack: "${renderEmoji(headline(message))}"`));
  stack.slack.on('ephemeral', (ephemeral) => {
    const user = stack.slack.workspace.user(ephemeral.user)?.name ?? ephemeral.user;
    write(`  ↻ Slack, only to ${user}: "${ephemeral.text}"`);
  });
}

/** Resolves on the first Ctrl-C or SIGTERM; both listeners then go, so a second one ends the process. */
async function keepOpen(ctx: CommandContext, stack: LocalStack, write: (line: string) => void): Promise<void> {
  const { shellExports } = require('../render/shell-exports') as typeof import('../render/shell-exports');
  const stopped = untilSignal();
  write('');
  write(`Open the local Slack channel: ${stack.urls.slackPage}`);
  write('Choose who you are (alice approves, bob may not), click Remediate on a review message and confirm.');
  write('The CLI works against this stack too, from another terminal:');
  for (const line of shellExports(stack.env).trimEnd().split('\n')) write(`  ${line}`);
  write('  macie-remediate list findings');
  write('Ctrl-C stops the stack.');
  narrateLive(stack, write);
  await stopped;
  ctx.output.info('stopping the local stack');
}

function summary(steps: DemoSteps, ms: number, open: boolean): string {
  const seconds = (ms / 1000).toFixed(1);
  const total = steps.reports.length;
  const passed = steps.reports.filter((step) => step.status === 'ok').length;
  if (!steps.ok) {
    const failed = steps.reports.find((step) => step.status === 'failed')?.title ?? 'a step';
    return `\nDemo failed after ${seconds} s: "${failed}" did not check out (${passed} of ${total} steps did).\nRe-run with --verbose to see the handlers' logs.\n`;
  }
  const next = open
    ? ''
    : '  See it in a browser, and click Remediate yourself:  macie-remediate demo --open\n' +
      '  Keep a local stack running for the other commands:  macie-remediate local up\n';
  return `\nDemo passed: ${passed} of ${total} steps checked out in ${seconds} s.\n${next}`;
}

/**
 * The whole solution on the local stack, narrated step by step; each step is checked against real state.
 * Resolves 0 only when every step held.
 */
async function demo(ctx: CommandContext, options: DemoOptions): Promise<number> {
  const { startLocalStack } = require('../../local/stack/LocalStack') as typeof import('../../local/stack/LocalStack');
  const { DemoSteps } = require('../demo/steps') as typeof import('../demo/steps');
  const { runDemo } = require('../demo/scenario') as typeof import('../demo/scenario');
  const { paint } = require('../render/render-style') as typeof import('../render/render-style');

  const { io, output } = ctx;
  const color = output.color && Boolean((io.stdout as { isTTY?: boolean }).isTTY);
  // With --json the narration goes to stderr and stdout holds only the report.
  const write = output.json ? (line: string) => output.info(line) : (line: string) => io.stdout.write(`${line}\n`);
  const steps = new DemoSteps(write, paint({ boxed: false, color }));
  const started = performance.now();
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), 'macie-remediate-demo-'));
  const holder: { stack?: LocalStack } = {};
  // bob's refused click is part of the show: handler warnings only with --verbose, errors always.
  const terminal = outputLogger(output);
  const logger = { ...terminal, warn: terminal.info };
  try {
    await steps.step(
      'Started the local stack (S3, DynamoDB, STS, Macie, Slack, remediation API, channel page)',
      async () => {
        const stack = await startLocalStack({ stateDir, logger });
        holder.stack = stack;
        const { urls } = stack;
        return [
          `S3 (s3rver) ${urls.s3} · DynamoDB (dynalite) ${urls.dynamodb} · STS ${urls.sts} · Macie ${urls.macie} · Security Hub ${urls.securityHub}`,
          `Slack ${urls.slackApi} · remediation API ${urls.remediationApi} · channel page ${urls.slackPage}`,
        ];
      },
    );
    if (holder.stack) {
      await runDemo(holder.stack, steps, { stopAtReview: options.open ?? false });
      if (options.open && steps.ok) await keepOpen(ctx, holder.stack, write);
    }
  } finally {
    await holder.stack?.stop();
    if (options.stateDir === undefined) rmSync(stateDir, { recursive: true, force: true });
  }
  const ms = performance.now() - started;
  output.result({ ok: steps.ok, durationMs: Math.round(ms), steps: steps.reports }, () =>
    summary(steps, ms, options.open ?? false),
  );
  return steps.ok ? EXIT.OK : EXIT.FAILED;
}

function registerDemo(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('demo')
    .summary('watch the whole solution work on a local stack: no AWS account, no Slack workspace')
    .description(
      'Start the embedded local stack (S3, DynamoDB, STS, Organizations, Macie, Security Hub and Slack stand-ins, the remediation API), upload the ' +
        'two sample files and let Macie find them: the Financial finding is quarantined automatically, the ' +
        'Personal one is posted for review, approved in Slack as alice, quarantined, then restored; a file in a ' +
        'member account goes the same way into the central quarantine and back, through its member role; alice ' +
        'seals a file in place instead (re-encrypted with the quarantine key) and restores it, and a file under an ' +
        'exempt prefix is let be; then a ' +
        "finding whose event was dropped is quarantined by the reconciler, Macie's re-scan of the restored file " +
        'moves nothing, and Dismiss and suppress similar shows in Security Hub and as a Macie findings filter. Each step is ' +
        'checked against real state (S3, the ledger, Slack, and the workflow status and note in Security Hub); exits 0 only when all of them held. With --open it stops at the review and ' +
        'keeps the local Slack channel page running, so you click Remediate yourself (Ctrl-C stops).',
    )
    .option('--open', 'stop at the review and keep the local Slack page running until Ctrl-C')
    .option('--state-dir <dir>', "keep the stack's files here (default: a temporary directory, removed afterwards)")
    .action(async (options: DemoOptions, command: Command) => {
      setExitCode(await demo(new CommandContext(io, command), options));
    });
}

export { registerDemo };
