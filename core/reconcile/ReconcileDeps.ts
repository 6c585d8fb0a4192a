import type { Macie2Client } from '@aws-sdk/client-macie2';
import type { FindingDeps } from '../remediation/RemediationDeps';
import type { Watermark } from '../types/ports';

/** The reconciler (reconcile): the finding path, plus Macie to page and the watermark to resume from. */
interface ReconcileDeps extends FindingDeps {
  readonly macie: Macie2Client;
  readonly watermark: Watermark;
  /** Awaited before every Macie request. */
  readonly pace: () => Promise<void>;
}

export type { ReconcileDeps };
