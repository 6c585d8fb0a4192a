import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Output as StackOutput } from '@aws-sdk/client-cloudformation';
import { STACK_OUTPUT_KEYS } from '../../core/config';
import { InvalidInputError } from '../../core/errors';
import type { CommandContext } from '../context';
import { awsFailure, isMissing } from '../init/aws-failure';
import { OUTPUTS_FILE } from '../stack-outputs-file';
import { terminalPrompts } from '../terminal-prompts';
import { cloudFormationClient } from './setup-clients';

/** What destroy did, and what it left in place on purpose. */
interface DestroyReport {
  readonly stack: string;
  readonly existed: boolean;
  /** The retained resources: the quarantined objects and the audit trail outlive the stack. */
  readonly kept: { readonly quarantineBucket?: string; readonly ledgerTable?: string };
}

const cfnSdk = () => require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');

/** The stack's entry in cdk.outputs.json goes with it: the functions and the API no longer exist. */
function forgetOutputs(dir: string, stack: string): void {
  const path = join(dir, OUTPUTS_FILE);
  let remembered: Record<string, unknown>;
  try {
    remembered = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return;
  }
  if (!(stack in remembered)) return;
  delete remembered[stack];
  writeFileSync(path, `${JSON.stringify(remembered, null, 2)}\n`);
}

async function confirmed(ctx: CommandContext, stack: string, yes: boolean): Promise<boolean> {
  if (yes) return true;
  if (!ctx.io.interactive)
    throw new InvalidInputError(
      'USAGE',
      `destroy deletes the stack ${stack}: confirm with --yes (no terminal to ask on)`,
    );
  return terminalPrompts(ctx.io).confirm(`Delete the stack ${stack}? The quarantine bucket and ledger stay.`, false);
}

/**
 * Deletes the CloudFormation stack by name (no synthesis needed) and waits for it. The quarantine bucket, its
 * key and the ledger table are retained by the stack's removal policies, and the report names them.
 */
async function runDestroy(ctx: CommandContext, options: { readonly yes: boolean }): Promise<DestroyReport> {
  const settings = ctx.settings();
  const stack = settings.stackName;
  const { DeleteStackCommand, DescribeStacksCommand, waitUntilStackDeleteComplete } = cfnSdk();
  const client = cloudFormationClient(settings);
  let outputs: StackOutput[];
  try {
    outputs = (await client.send(new DescribeStacksCommand({ StackName: stack }))).Stacks?.[0]?.Outputs ?? [];
  } catch (err) {
    if (isMissing(err)) return { stack, existed: false, kept: {} };
    throw awsFailure(`Could not read the stack ${stack}`, err);
  }
  const output = (key: string) => outputs.find((o) => o.OutputKey === key)?.OutputValue;
  const kept = {
    quarantineBucket: output(STACK_OUTPUT_KEYS.quarantineBucket) ?? settings.quarantineBucket,
    ledgerTable: output(STACK_OUTPUT_KEYS.ledgerTable) ?? settings.ledgerTable,
  };
  if (!(await confirmed(ctx, stack, options.yes))) throw new InvalidInputError('USAGE', 'Cancelled: nothing deleted');
  ctx.output.info(`Deleting the stack ${stack}…`);
  try {
    await client.send(new DeleteStackCommand({ StackName: stack }));
    await waitUntilStackDeleteComplete({ client, minDelay: 5, maxWaitTime: 3600 }, { StackName: stack });
  } catch (err) {
    throw awsFailure(`Could not delete the stack ${stack}`, err);
  }
  forgetOutputs(ctx.io.cwd, stack);
  return { stack, existed: true, kept };
}

function renderDestroyReport(report: DestroyReport): string {
  if (!report.existed) return `The stack ${report.stack} does not exist: nothing to delete.`;
  const kept = [
    `the quarantine bucket ${report.kept.quarantineBucket ?? '(name unknown)'} with the quarantined objects and its KMS key`,
    `the ledger table ${report.kept.ledgerTable ?? '(name unknown)'} with the audit trail`,
  ];
  return (
    `Deleted the stack ${report.stack}.\n` +
    `Kept on purpose: ${kept.join('; ')}. Delete them yourself once nothing in them is needed.`
  );
}

export type { DestroyReport };
export { renderDestroyReport, runDestroy };
