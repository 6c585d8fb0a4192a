import type { RemediationResult } from '../core/types/outcome';

/** Exit codes (README): 0 all items reached a non-failure outcome, 1 something failed, 2 usage/config. */
const EXIT = { OK: 0, FAILED: 1, USAGE: 2 } as const;

type ExitCode = (typeof EXIT)[keyof typeof EXIT];

function exitCodeFor(results: readonly Pick<RemediationResult, 'outcome'>[]): ExitCode {
  return results.some((r) => r.outcome === 'FAILED') ? EXIT.FAILED : EXIT.OK;
}

export type { ExitCode };
export { EXIT, exitCodeFor };
