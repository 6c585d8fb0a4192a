import { type Command, Option } from 'commander';
import { InvalidInputError } from '../../core/errors';
import { CommandContext } from '../context';
import type { CliIO } from '../io';
import type { AuditOptions } from '../operations/export-audit';
import type { SetExitCode } from '.';

function registerAudit(program: Command, io: CliIO, setExitCode: SetExitCode): void {
  program
    .command('audit')
    .description('export every ledger event (who did what to which finding, when) for auditors')
    .option('--since <when>', 'events at or after: 2026-09-01, 2026-09-01T12:00:00Z, or an age like 90d')
    .option('--until <when>', 'events before (same forms as --since)')
    .addOption(
      new Option('--format <format>', 'csv (default) or json (the default with --json)').choices(['csv', 'json']),
    )
    .option('-o, --output <file>', 'write to <file> instead of stdout')
    .option('--from-archive', 'read the Object Lock audit archive (MACIE_REMEDIATE_AUDIT_BUCKET) instead of the ledger')
    .option(
      '--verify',
      "recompute every finding's history hash chain instead: exit 0 when all are intact, 1 naming each altered, reordered or cut; with --from-archive, compare every history with the audit archive",
    )
    .addHelpText(
      'after',
      '\nColumns: time, findingId, type, severity, bucket, key, action, actor, outcome, detail, reason.\n\nExamples:\n  macie-remediate audit --since 2026-10-01 --until 2026-11-01 --output october.csv\n  macie-remediate audit --verify --json\n  macie-remediate audit --verify --from-archive',
    )
    .action(async ({ verify, ...options }: AuditOptions & { verify?: boolean }, self: Command) => {
      const ctx = new CommandContext(io, self);
      if (verify) {
        const { fromArchive, ...others } = options;
        checkVerifyAlone(others);
        const { verifyAgainstArchive, verifyHistories } =
          require('../operations/verify-histories') as typeof import('../operations/verify-histories');
        setExitCode(await (fromArchive ? verifyAgainstArchive(ctx) : verifyHistories(ctx)));
        return;
      }
      const { exportAudit } = require('../operations/export-audit') as typeof import('../operations/export-audit');
      setExitCode(await exportAudit(ctx, options));
    });
}

/**
 * `--verify` checks every finding's whole history and prints a verdict, not events; only `--from-archive`
 * (what to check it against) goes with it.
 * @throws InvalidInputError `USAGE` when an export option comes with it.
 */
function checkVerifyAlone(options: AuditOptions): void {
  const given = Object.keys(options).map((name) => `--${name}`);
  if (given.length > 0) {
    throw new InvalidInputError('USAGE', `--verify checks every whole history; it takes no ${given.join(', ')}`);
  }
}

export { registerAudit };
