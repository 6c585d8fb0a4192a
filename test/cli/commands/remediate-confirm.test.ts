// Loaded before the CLI: @inquirer/prompts' confirm then draws on this pretend terminal.

import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { screen } from '@inquirer/testing/jest';
import { type CliStack, startCliStack } from '../support/cli-stack';

describe('Command: remediate, confirmed on a terminal', () => {
  let stack: CliStack;

  beforeAll(async () => {
    stack = await startCliStack();
  });

  afterAll(async () => {
    await stack.stop();
  });

  const present = (key: string) =>
    stack.s3.send(new HeadObjectCommand({ Bucket: stack.sourceBucket, Key: key })).then(
      () => true,
      () => false,
    );

  it('shows the plan, asks, and quarantines on yes', async () => {
    // Prepare
    const object = await stack.putObject('confirm/yes.csv');
    const id = stack.addFinding(object).id as string;

    // Act
    const running = stack.run(['remediate', id], { interactive: true });
    await screen.next();
    const question = screen.getScreen();
    screen.type('y');
    screen.keypress('enter');
    const run = await running;

    // Assess
    expect(question).toContain('Quarantine 1 object(s)? (y/N)');
    expect(run.stderr).toContain(`s3://${stack.sourceBucket}/confirm/yes.csv`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/QUARANTINED\s+1/);
    expect(await present(object.key)).toBe(false);
  });

  it('changes nothing when the answer is no (the default)', async () => {
    // Prepare
    const object = await stack.putObject('confirm/no.csv');
    const id = stack.addFinding(object).id as string;

    // Act
    const running = stack.run(['remediate', id], { interactive: true });
    await screen.next();
    screen.keypress('enter');
    const run = await running;

    // Assess
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('Cancelled: nothing changed.');
    expect(run.stdout).toBe('');
    expect(await present(object.key)).toBe(true);
    expect(await stack.ledger.get(id)).toBeUndefined();
  });

  it('does not ask with --yes', async () => {
    const object = await stack.putObject('confirm/yes-flag.csv');
    const id = stack.addFinding(object).id as string;
    const run = await stack.run(['remediate', id, '--yes'], { interactive: true });
    expect(run.code).toBe(0);
    expect(screen.getScreen()).toBe('');
  });
});
