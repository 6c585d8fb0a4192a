import { type Command, Option } from 'commander';
import { CommandContext } from '../context';
import { EXIT } from '../exit-codes';
import { MANIFEST_FILE } from '../init/slack-app-manifest';
import type { CliIO } from '../io';
import type { SetExitCode } from './index';

interface DeployFlags {
  readonly dryRun?: boolean;
  readonly yes?: boolean;
  readonly manifestFile: string;
  readonly method: 'change-set' | 'direct';
  readonly members?: string | boolean;
  readonly regions?: string;
}

function registerDeploy(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('deploy')
    .description(
      'synthesize and deploy the stack with the CDK toolkit, save its outputs to cdk.outputs.json and point ' +
        'the Slack app at the deployed API',
    )
    .option('--dry-run', 'synthesize and show the change set only')
    .option('-y, --yes', 'approve changes that widen IAM permissions without asking (review them with --dry-run first)')
    .addOption(
      new Option('--method <method>', 'how CloudFormation deploys, as cdk deploy --method')
        .choices(['change-set', 'direct'])
        .default('change-set'),
    )
    .option('--manifest-file <path>', 'the Slack app manifest to update with the API URL', MANIFEST_FILE)
    .option(
      '--members [ids]',
      'deploy the member role instead: to the accounts of these OUs or roots (ou-…,r-…) as a StackSet from the ' +
        'admin account, or without ids to the account of the credentials in use',
    )
    .option(
      '--regions <list>',
      'Regions whose Macie findings are forwarded to this one (e.g. eu-west-1,us-east-2; default: cdk.json forwardRegions)',
    )
    .addHelpText(
      'after',
      '\nNeeds AWS credentials allowed to deploy CloudFormation stacks (the CDK bootstrap roles) and a\n' +
        'bootstrapped account and Region (npx cdk bootstrap). With SLACK_APP_CONFIG_TOKEN, the Slack app\n' +
        'init created gets the deployed Request URL. Changes that widen IAM permissions are shown and asked\n' +
        'about on a terminal; without one, deploy refuses them unless --yes is given.\n' +
        '--members needs the admin stack deployed first (its outputs in cdk.outputs.json). StackSets never reach\n' +
        "the organization's management account: deploy --members there with its credentials.",
    )
    .action(async (flags: DeployFlags, command: Command) => {
      const ctx = new CommandContext(io, command);
      const { parseDeployTarget } = require('../deploy/deploy-targets') as typeof import('../deploy/deploy-targets');
      const target = parseDeployTarget(flags);
      const { runDeploy } = require('../deploy/run-deploy') as typeof import('../deploy/run-deploy');
      const { renderDeployReport } = require('../deploy/deploy-report') as typeof import('../deploy/deploy-report');
      const report = await runDeploy(ctx, {
        dryRun: flags.dryRun ?? false,
        yes: flags.yes ?? false,
        manifestFile: flags.manifestFile,
        method: flags.method,
        target,
      });
      ctx.output.result(report, () => renderDeployReport(report));
      setExitCode(report.kind === 'deployed' && report.slack?.failed ? EXIT.FAILED : EXIT.OK);
    });
}

export { registerDeploy };
