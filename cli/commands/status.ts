import type { Command } from 'commander';
import { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import type { CliIO } from '../io';
import type { SetExitCode } from './index';

function registerStatus(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('status')
    .alias('doctor')
    .description(
      'check what a working set-up needs, one line each: AWS credentials and Region, Macie (and, with securityHub, ' +
        'its publishing to Security Hub), the stack and its ' +
        'outputs, the Slack secret, the bot token (auth.test) and the Slack Request URL; exit 0 only when all hold',
    )
    .action(async (_flags: unknown, command: Command) => {
      const ctx = new CommandContext(io, command);
      const { runStatus } = require('../status/run-status') as typeof import('../status/run-status');
      const { renderStatus } = require('../status/render-status') as typeof import('../status/render-status');
      const checks = await runStatus(ctx);
      const terminal = Boolean((io.stdout as { isTTY?: boolean }).isTTY);
      ctx.output.result(checks, () => renderStatus(checks, ctx.output.color, terminal));
      setExitCode(checks.every((check) => check.ok) ? EXIT.OK : EXIT.FAILED);
    });
}

export { registerStatus };
