import type { Macie2Client } from '@aws-sdk/client-macie2';
import { maciePace } from '../aws/rate-limiter';
import { DynamoDbWatermark } from '../ledger/DynamoDbWatermark';
import type { ReconcileDeps } from '../reconcile/ReconcileDeps';
import type { Dispatcher } from '../types/ports';
import { buildFindingDeps } from './finding-deps';
import { type FindingsHubOption, findingsHubFor } from './findings-hub';
import type { ComposeOptions } from './workflow-deps';

interface ReconcileComposeOptions extends ComposeOptions, FindingsHubOption {
  readonly macie: Macie2Client;
  /** Where AUTO findings and dead jobs go: the remediator function. */
  readonly dispatcher: Dispatcher;
}

/** The reconciler's workflow: the finding handler's, plus Macie (paced like `backfill`), the watermark and Security Hub. */
function buildReconcileDeps(options: ReconcileComposeOptions): ReconcileDeps {
  const tableName = options.settings.ledgerTable;
  const deps = buildFindingDeps(options);
  return {
    ...deps,
    // Owed Security Hub updates are delivered with owed messages (resumeDelivery).
    ...findingsHubFor(options.settings, options),
    macie: options.macie,
    // buildFindingDeps has refused a missing ledger table already.
    watermark: new DynamoDbWatermark({ dynamo: options.dynamo, tableName: tableName as string }),
    pace: maciePace(),
  };
}

export type { ReconcileComposeOptions };
export { buildReconcileDeps };
