import type { SlackRequestUrl } from './point-slack-at-api';

/** What deploy did: the `--json` document, and the source of the text output. */
type DeployReport =
  | {
      readonly kind: 'dry-run';
      readonly stack: string;
      /** What the change set is computed against; `reason` says why when it is not the deployed stack. */
      readonly against: 'deployed' | 'empty';
      readonly reason?: string;
      readonly changes: number;
      readonly diff: string;
    }
  | {
      readonly kind: 'deployed';
      /** The stack whose outputs these are: the admin stack, or the member stack (or its StackSet). */
      readonly stack: string;
      /** Every stack deployed, `stack` first (forwarding stacks follow the admin stack). */
      readonly stacks: readonly string[];
      readonly outputs: Readonly<Record<string, string>>;
      readonly outputsFile: string;
      readonly slack?: SlackRequestUrl;
      /** What is left to do by hand. */
      readonly notes: readonly string[];
    };

function renderDeployReport(report: DeployReport): string {
  if (report.kind === 'dry-run') {
    const baseline = report.against === 'deployed' ? 'the deployed stack' : 'an empty stack';
    return `${report.diff}\n\n${report.changes} change(s) to ${report.stack} against ${baseline}; nothing deployed.`;
  }
  const width = Math.max(...Object.keys(report.outputs).map((key) => key.length), 0);
  const lines = Object.entries(report.outputs).map(([key, value]) => `${key.padEnd(width)}  ${value}`);
  lines.push('', `Outputs saved to ${report.outputsFile}.`);
  const others = report.stacks.filter((name) => name !== report.stack);
  if (others.length > 0) lines.push(`Also deployed: ${others.join(', ')}.`);
  if (report.slack?.updated) lines.push(`Slack app ${report.slack.appId} sends clicks to ${report.slack.requestUrl}.`);
  else if (report.slack)
    lines.push(`Set the Slack app's Request URL to ${report.slack.requestUrl} (${report.slack.manifestFile}).`);
  lines.push(...report.notes);
  return lines.join('\n');
}

export type { DeployReport };
export { renderDeployReport };
