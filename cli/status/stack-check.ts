import type { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { STACK_OUTPUT_KEYS } from '../../core/config';
import { isMissing } from '../init/aws-failure';
import { fail, pass, reasonOf, type StatusCheck } from './status-check';

const CHECK = 'stack';

/** States in which the stack runs a complete template (after a failed update: the previous one). */
const SETTLED = new Set(['CREATE_COMPLETE', 'UPDATE_COMPLETE', 'UPDATE_ROLLBACK_COMPLETE', 'IMPORT_COMPLETE']);

/** DescribeStacks: deployed, settled, and with every output the CLI reads back. */
async function checkStack(
  cloudFormation: CloudFormationClient,
  stackName: string,
): Promise<{ result: StatusCheck; outputs?: Record<string, string> }> {
  const { DescribeStacksCommand } =
    require('@aws-sdk/client-cloudformation') as typeof import('@aws-sdk/client-cloudformation');
  let status: string;
  let outputs: Record<string, string>;
  try {
    const found = (await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }))).Stacks?.[0];
    status = found?.StackStatus ?? 'UNKNOWN';
    outputs = Object.fromEntries((found?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (err) {
    if (isMissing(err)) return { result: fail(CHECK, `${stackName} is not deployed: run macie-remediate deploy`) };
    return { result: fail(CHECK, `DescribeStacks failed: ${reasonOf(err)}`) };
  }
  if (!SETTLED.has(status)) return { result: fail(CHECK, `${stackName} is ${status}`), outputs };
  const missing = Object.values(STACK_OUTPUT_KEYS).filter((key) => !outputs[key]);
  if (missing.length > 0)
    return {
      result: fail(CHECK, `${stackName} (${status}) lacks the outputs ${missing.join(', ')}: deploy again`),
      outputs,
    };
  return { result: pass(CHECK, `${stackName} ${status}, API ${outputs[STACK_OUTPUT_KEYS.apiUrl]}`), outputs };
}

export { checkStack };
