import { ConfigError } from '../core/errors';
import type { Ledger } from '../core/types/ports';
import type { CommandContext } from './context';

const MISSING_TABLE =
  'ledger table is not set: deploy the stack, or use --ledger-table or MACIE_REMEDIATE_LEDGER_TABLE';

function ledgerOn(ctx: CommandContext, tableName: string): Ledger {
  const { DynamoDbLedger } = require('../core/ledger/DynamoDbLedger') as typeof import('../core/ledger/DynamoDbLedger');
  return new DynamoDbLedger({ dynamo: ctx.clients().dynamo, tableName });
}

/** The ledger for read-only commands (history, audit, list), which need no quarantine bucket. */
function openLedger(ctx: CommandContext): Ledger {
  const tableName = ctx.settings().ledgerTable;
  if (!tableName) throw new ConfigError([MISSING_TABLE]);
  return ledgerOn(ctx, tableName);
}

/** The ledger when one is configured: `list findings` works without it (every status unknown). */
function tryOpenLedger(ctx: CommandContext): Ledger | undefined {
  const tableName = ctx.settings().ledgerTable;
  return tableName ? ledgerOn(ctx, tableName) : undefined;
}

export { openLedger, tryOpenLedger };
