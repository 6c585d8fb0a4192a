import { type Command, Option } from 'commander';
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
    .addHelpText(
      'after',
      '\nColumns: time, findingId, type, severity, bucket, key, action, actor, outcome, detail.\n\nExample:\n  macie-remediate audit --since 2026-10-01 --until 2026-11-01 --output october.csv',
    )
    .action(async (options: AuditOptions, self: Command) => {
      const ctx = new CommandContext(io, self);
      const { exportAudit } = require('../operations/export-audit') as typeof import('../operations/export-audit');
      setExitCode(await exportAudit(ctx, options));
    });
}

export { registerAudit };
