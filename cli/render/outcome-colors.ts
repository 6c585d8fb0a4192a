import type { ChalkInstance } from 'chalk';
import type { Outcome } from '../../core/types/outcome';
import { type Styled, styled } from './terminal-text';

/** Outcomes that need someone to look: listed even when a long run's table shows only these. */
const ATTENTION: readonly Outcome[] = ['FAILED', 'STALE', 'CONFLICT', 'SOURCE_MISSING', 'PENDING_APPROVAL'];

/** An outcome in its colour, for a table cell (outcome names are ours: nothing to escape). */
const outcomeCell = (chalk: ChalkInstance, outcome: Outcome): Styled => styled(colorOutcome(chalk, outcome));

/** Green: done; cyan: waits for a person; yellow: needs a look; red: failed; dim: nothing to do. */
function colorOutcome(chalk: ChalkInstance, outcome: Outcome): string {
  switch (outcome) {
    case 'QUARANTINED':
    case 'RESTORED':
    case 'HELD':
    case 'RELEASED':
      return chalk.green(outcome);
    case 'NOTIFIED':
    case 'PENDING_APPROVAL':
      return chalk.cyan(outcome);
    case 'FAILED':
      return chalk.red(outcome);
    case 'STALE':
    case 'CONFLICT':
    case 'SOURCE_MISSING':
      return chalk.yellow(outcome);
    default:
      return chalk.dim(outcome);
  }
}

export { ATTENTION, outcomeCell };
