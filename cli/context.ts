import type { Command } from 'commander';
import type { SettingsFlags } from '../core/config';
import { loadSettings, readCdkJson } from '../core/config';
import type { Settings, SlackCredentials } from '../core/types/settings';
import type { GlobalOptions } from './global-options';
import type { CliIO } from './io';
import { Output } from './output';
import { readStackOutputs } from './stack-outputs-file';

/**
 * What every command's action gets: the resolved settings (one loader for every door), the output
 * channel, and the process edges. Settings load on first use, so a command that needs none of them
 * (`--help`, `local up`) never reads cdk.json or touches AWS.
 */
class CommandContext {
  readonly io: CliIO;
  readonly options: GlobalOptions;
  readonly output: Output;
  private cached?: Settings;

  constructor(io: CliIO, command: Command) {
    this.io = io;
    this.options = command.optsWithGlobals<GlobalOptions>();
    this.output = new Output(io, {
      json: this.options.json ?? false,
      color: this.options.color,
      quiet: this.options.quiet ?? false,
      verbose: this.options.verbose ?? false,
    });
  }

  /** Settings from flags, environment, cdk.json and the remembered stack outputs; warnings go to stderr once. */
  settings(secret?: SlackCredentials): Settings {
    if (this.cached && !secret) return this.cached;
    const flags = this.flags();
    const cdkContext = readCdkJson(this.io.cwd);
    const first = loadSettings({ flags, env: this.io.env, cdkContext, ...(secret ? { secret } : {}) });
    const stackOutputs = readStackOutputs(this.io.cwd, first.stackName);
    const settings = stackOutputs
      ? loadSettings({ flags, env: this.io.env, cdkContext, stackOutputs, ...(secret ? { secret } : {}) })
      : first;
    if (!this.cached) for (const warning of settings.warnings) this.output.warn(warning);
    this.cached = settings;
    return settings;
  }

  private flags(): SettingsFlags {
    const o = this.options;
    const pick = <K extends keyof SettingsFlags>(key: K, value: SettingsFlags[K] | undefined) =>
      value === undefined ? {} : { [key]: value };
    return {
      ...pick('auto', o.auto),
      ...pick('minSeverity', o.minSeverity),
      ...pick('slackChannel', o.slackChannel),
      ...pick('slackTeamId', o.slackTeamId),
      ...pick('approver', o.approver),
      ...pick('sourceBucket', o.sourceBucket),
      ...pick('stack', o.stack),
      ...pick('quarantineBucket', o.quarantineBucket),
      ...pick('ledgerTable', o.ledgerTable),
      ...pick('secretId', o.secretId),
      ...pick('region', o.region),
      ...pick('profile', o.profile),
      ...pick('endpointUrl', o.endpointUrl),
    };
  }
}

export { CommandContext };
