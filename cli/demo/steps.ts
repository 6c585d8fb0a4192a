import type { ChalkInstance } from 'chalk';

type StepStatus = 'ok' | 'failed' | 'skipped';

interface StepReport {
  readonly title: string;
  readonly status: StepStatus;
  readonly ms: number;
  /** What was observed (ok), or why it failed. */
  readonly detail: readonly string[];
}

/** A step's check did not hold: its message says what was expected and what was seen. */
class CheckFailed extends Error {
  override readonly name = 'CheckFailed';
}

/** Throws CheckFailed with `message` unless `condition` holds. */
function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

/**
 * Runs the demo's steps in order and narrates each as it ends: ✓ with what was observed, ✗ with what was
 * not. After a failure the remaining steps are reported as skipped, since each builds on the one before.
 */
class DemoSteps {
  private readonly steps: StepReport[] = [];

  constructor(
    private readonly write: (line: string) => void,
    private readonly chalk: ChalkInstance,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get reports(): readonly StepReport[] {
    return this.steps;
  }

  get ok(): boolean {
    return this.steps.every((step) => step.status === 'ok');
  }

  /** Runs `run` (which resolves to what it observed) unless an earlier step failed; resolves whether it held. */
  async step(title: string, run: () => Promise<readonly string[]>): Promise<boolean> {
    if (!this.ok) {
      this.record({ title, status: 'skipped', ms: 0, detail: [] });
      return false;
    }
    const started = this.clock();
    try {
      const detail = await run();
      this.record({ title, status: 'ok', ms: Math.round(this.clock() - started), detail });
      return true;
    } catch (err) {
      const reason = err instanceof CheckFailed ? err.message : `unexpected error: ${String(err)}`;
      this.record({ title, status: 'failed', ms: Math.round(this.clock() - started), detail: [reason] });
      return false;
    }
  }

  private record(step: StepReport): void {
    this.steps.push(step);
    const { chalk } = this;
    const mark = { ok: chalk.green('✓'), failed: chalk.red('✗'), skipped: chalk.dim('-') }[step.status];
    const time = step.status === 'skipped' ? chalk.dim(' (skipped)') : chalk.dim(` (${step.ms} ms)`);
    this.write(`${mark} ${step.status === 'skipped' ? chalk.dim(step.title) : step.title}${time}`);
    for (const line of step.detail) this.write(`    ${step.status === 'failed' ? chalk.red(line) : line}`);
  }
}

export type { StepReport, StepStatus };
export { CheckFailed, check, DemoSteps };
