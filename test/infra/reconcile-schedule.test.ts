import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import { createApp } from '../../infra/app';
import { cdkJsonContext } from './support/template';

/** The stack synthesized from the repository's cdk.json with `reconcileSchedule` set (bundling skipped). */
function synthWith(reconcileSchedule: string): { template: Template; outdir: string } {
  const outdir = mkdtempSync(path.join(tmpdir(), 'macie-remediate-reconcile-'));
  const { app, stack } = createApp({
    context: { ...cdkJsonContext(), sourceBuckets: ['*'], reconcileSchedule, 'aws:cdk:bundling-stacks': [] },
    outdir,
  });
  app.synth();
  return { template: Template.fromStack(stack), outdir };
}

describe('reconcileSchedule', () => {
  const outdirs: string[] = [];
  afterAll(() => {
    for (const dir of outdirs) rmSync(dir, { recursive: true, force: true });
  });

  it('"" builds neither the reconciler nor its schedule', () => {
    // Act
    const { template, outdir } = synthWith('');
    outdirs.push(outdir);

    // Assess
    template.resourceCountIs('AWS::Lambda::Function', 4);
    expect(
      Object.values(template.findResources('AWS::Events::Rule')).map((r) => r.Properties.ScheduleExpression),
    ).toEqual([undefined]);
  });

  it('a cron expression becomes the rule schedule as given', () => {
    // Act
    const { template, outdir } = synthWith('cron(15 */2 * * ? *)');
    outdirs.push(outdir);

    // Assess
    template.resourceCountIs('AWS::Lambda::Function', 5);
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'cron(15 */2 * * ? *)' });
  });
});
