import type { Command } from 'commander';
import { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { DEFAULT_APP_NAME, MANIFEST_FILE } from '../init/slack-app-manifest';
import type { CliIO } from '../io';
import type { SetExitCode } from './index';

interface InitFlags {
  readonly yes?: boolean;
  readonly appName?: string;
  readonly manifestFile: string;
}

function registerInit(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('init')
    .description(
      'set up Slack and the settings: writes cdk.json context, the Slack secret in Secrets Manager and the Slack ' +
        'app manifest; with SLACK_APP_CONFIG_TOKEN it creates the Slack app itself',
    )
    .option('-y, --yes', 'ask nothing: settings from the flags, secrets from SLACK_* environment variables')
    .option('--app-name <name>', 'name of a new Slack app', DEFAULT_APP_NAME)
    .option('--manifest-file <path>', 'where to write the Slack app manifest', MANIFEST_FILE)
    .addHelpText(
      'after',
      '\nSecrets come only from the environment (SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, SLACK_WEBHOOK_URL,\n' +
        'SLACK_APP_CONFIG_TOKEN) or from masked prompts; never from flags, never into cdk.json.',
    )
    .action(async (flags: InitFlags, command: Command) => {
      const ctx = new CommandContext(io, command);
      const { runInit } = require('../init/run-init') as typeof import('../init/run-init');
      const { renderInitResult } = require('../init/init-result') as typeof import('../init/init-result');
      const result = await runInit(ctx, {
        yes: flags.yes ?? false,
        appName: flags.appName,
        manifestFile: flags.manifestFile,
      });
      ctx.output.result(result, () => renderInitResult(result));
      setExitCode(EXIT.OK);
    });
}

export { registerInit };
