import type { Command } from 'commander';
import type { BuildRemediationDepsOptions } from '../core/compose/build-remediation-deps';
import type { SettingsFlags } from '../core/config';
import type { OwnAccount } from '../core/types/ports';
import type { Settings, SlackCredentials } from '../core/types/settings';
import type { AwsClients } from './aws-clients';
import type { GlobalOptions } from './global-options';
import type { CliIO } from './io';
import { Output } from './output';

/**
 * What a command makes rather than is given, in one place like gh's cmdutil.Factory, so a test can
 * hand in its own (`CliIO.factory`): no command reads the clock or builds a client itself.
 */
interface CommandFactory {
  /** The time now: the reference of `--since 2h`, the stamps of a backfill's checkpoint. */
  now(): Date;
  /** SDK clients for the resolved settings (built on first use). */
  clients(settings: Settings, env: Readonly<Record<string, string | undefined>>): AwsClients;
  /** The least time between two posts to one Slack channel: Slack's rate (a test of many posts spaces them less). */
  slackIntervalMs(): number;
}

const processFactory: CommandFactory = {
  now: () => new Date(),
  clients: (settings, env) => {
    const { AwsClients } = require('./aws-clients') as typeof import('./aws-clients');
    return new AwsClients(settings, env);
  },
  slackIntervalMs: () =>
    (require('../core/slack/channel-pacer') as typeof import('../core/slack/channel-pacer')).SLACK_CHANNEL_INTERVAL_MS,
};

/**
 * What every command's action gets: the resolved settings (one loader for every door), the output
 * channel, and the process edges. Settings load on first use, so a command that needs none of them
 * (`--help`, `local up`) never reads cdk.json or touches AWS. Every command module imports this
 * class, so what its methods use is required inside them: `--help` loads none of it.
 */
class CommandContext {
  readonly io: CliIO;
  readonly options: GlobalOptions;
  readonly output: Output;
  private cached?: Settings;
  private madeClients?: AwsClients;
  private madeOwnAccount?: OwnAccount;
  private readonly factory: CommandFactory;

  constructor(io: CliIO, command: Command) {
    this.io = io;
    this.factory = { ...processFactory, ...io.factory };
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
    const { loadSettings, readCdkJson } = require('../core/config') as typeof import('../core/config');
    const { readStackOutputs } = require('./stack-outputs-file') as typeof import('./stack-outputs-file');
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

  /** SDK clients for the resolved settings, made on first use. */
  clients(): AwsClients {
    this.madeClients ??= this.factory.clients(this.settings(), this.io.env);
    return this.madeClients;
  }

  now(): Date {
    return this.factory.now();
  }

  /** The account of the credentials in use (STS GetCallerIdentity), asked once, unless the settings name it. */
  ownAccount(): Promise<string> {
    const { ownAccountOf } = require('../core/compose/own-account') as typeof import('../core/compose/own-account');
    this.madeOwnAccount ??= ownAccountOf(this.settings(), async () => {
      const { callerAccount } = require('../core/aws/caller-account') as typeof import('../core/aws/caller-account');
      return callerAccount(this.clients().sts);
    });
    return this.madeOwnAccount();
  }

  /** Who these credentials are (STS GetCallerIdentity), as the approval rule counts restore approvers. */
  callerPrincipal(): Promise<string> {
    const { callerPrincipal } = require('../core/aws/caller-account') as typeof import('../core/aws/caller-account');
    return callerPrincipal(this.clients().sts);
  }

  /**
   * Settings including the Slack credentials: Slack's own environment variables first, else the
   * secret (as the Lambdas read it). A secret that cannot be read only means no Slack updates here.
   */
  async settingsWithSlack(): Promise<Settings> {
    const settings = this.settings();
    if (settings.slack.botToken || settings.slack.webhookUrl) return settings;
    const { createSlackSecretReader } =
      require('../core/secrets/slack-secret') as typeof import('../core/secrets/slack-secret');
    try {
      const secret = await createSlackSecretReader({
        client: this.clients().secrets,
        secretId: settings.secretId,
      }).read();
      return this.settings(secret);
    } catch (err) {
      this.output.debug(`Slack credentials not read from secret ${settings.secretId}: ${(err as Error).message}`);
      return settings;
    }
  }

  /**
   * Every workflow's dependencies, built as the Lambdas build theirs. Jobs go where `dispatcherFor` sends
   * them: to a deployed remediator function, waiting for each result; otherwise they run in this process.
   */
  async remediation(options: Pick<BuildRemediationDepsOptions, 'background' | 'logger' | 'engine'> = {}) {
    const settings = await this.settingsWithSlack();
    const { buildRemediationDeps } =
      require('../core/compose/build-remediation-deps') as typeof import('../core/compose/build-remediation-deps');
    const { processLeaseProbe } = require('./process-lease-probe') as typeof import('./process-lease-probe');
    const clients = this.clients();
    return buildRemediationDeps({
      settings,
      s3: clients.s3,
      dynamo: clients.dynamo,
      securityHub: () => clients.securityHub,
      remediator: { lambda: () => clients.lambda, wait: true },
      accounts: clients.reach,
      ownAccount: () => this.ownAccount(),
      leaseProbe: processLeaseProbe(),
      slack: { intervalMs: this.factory.slackIntervalMs() },
      ...options,
    });
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
      ...pick('memberRoleName', o.memberRoleName),
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

export type { CommandFactory };
export { CommandContext };
