import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { type CfnElement, Stack } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

interface Statement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource?: unknown;
  readonly Principal?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** The context of the repository's cdk.json, as a user's synth would see it. */
function cdkJsonContext(): Record<string, unknown> {
  const json = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')) as {
    context?: Record<string, unknown>;
  };
  return json.context ?? {};
}

function logicalId(construct: IConstruct): string {
  return Stack.of(construct).resolve((construct.node.defaultChild as CfnElement).logicalId) as string;
}

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

/** The statements of a policy resource's `PolicyDocument` (IAM, bucket and queue policies). */
function documentStatements(resource: { Properties?: Record<string, unknown> } | undefined): Statement[] {
  const document = resource?.Properties?.PolicyDocument as { Statement?: Statement[] } | undefined;
  return document?.Statement ?? [];
}

/** Every statement of every policy resource of one type in a template's JSON. */
function statementsOfType(templateJson: { Resources: Resources }, type: string): Statement[] {
  return Object.values(templateJson.Resources)
    .filter((r) => r.Type === type)
    .flatMap(documentStatements);
}

/** Every statement of every inline policy attached to the role with this logical id. */
function roleStatements(template: Template, roleLogicalId: string): Statement[] {
  const policies = template.findResources('AWS::IAM::Policy') as Resources;
  return Object.values(policies)
    .filter((p) => JSON.stringify(p.Properties?.Roles) === JSON.stringify([{ Ref: roleLogicalId }]))
    .flatMap(documentStatements);
}

/** The sorted, de-duplicated actions a set of statements allows. */
function allowedActions(statements: readonly Statement[]): string[] {
  const actions = statements.filter((s) => s.Effect === 'Allow').flatMap((s) => asArray(s.Action));
  return [...new Set(actions)].sort();
}

/** Every policy statement anywhere in the template: IAM, bucket, queue and key policies. */
function allStatements(template: Template): Statement[] {
  const found: Statement[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if ('Effect' in record && 'Action' in record) found.push(record as unknown as Statement);
      else Object.values(record).forEach(visit);
    }
  };
  visit(template.toJSON().Resources);
  return found;
}

export type { Resources, Statement };
export {
  allowedActions,
  allStatements,
  asArray,
  cdkJsonContext,
  documentStatements,
  logicalId,
  REPO_ROOT,
  roleStatements,
  statementsOfType,
};
