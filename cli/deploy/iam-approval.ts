import { InvalidInputError } from '../../core/errors';
import type { CliIO } from '../io';
import { confirm } from '../terminal-prompts';

/**
 * deploy's answer when the CDK toolkit is about to widen IAM permissions, as `cdk deploy --require-approval
 * broadening` gives it: `--yes` approves; on a terminal the changes are shown and the admin is asked; without
 * one, deploy refuses rather than widen permissions nobody has seen. The toolkit then deletes its change set
 * and aborts, and `refusal()` says why.
 */
class IamApproval {
  private refused?: InvalidInputError;

  constructor(
    private readonly io: CliIO,
    private readonly stack: string,
    private readonly yes: boolean,
  ) {}

  /** `securityDiff`: the toolkit's table of IAM statement changes. */
  async approve(securityDiff: string): Promise<boolean> {
    if (this.yes) return true;
    if (!this.io.interactive) {
      this.refused = new InvalidInputError(
        'USAGE',
        `deploy widens the IAM permissions of ${this.stack} and there is no terminal to ask on: ` +
          'review them with macie-remediate deploy --dry-run, then rerun with --yes',
      );
      return false;
    }
    // Straight to the terminal, --quiet or not: nobody approves what they were not shown.
    this.io.stderr.write(`${securityDiff}\n`);
    const approved = await confirm(this.io, `Deploy ${this.stack} with these IAM changes?`);
    if (!approved) this.refused = new InvalidInputError('USAGE', 'Cancelled: nothing deployed');
    return approved;
  }

  /** Why the deployment was not approved, if it was not. */
  refusal(): InvalidInputError | undefined {
    return this.refused;
  }
}

export { IamApproval };
