import type { PolicyConfig } from '../types/policy';
import type { Ledger } from '../types/ports';
import type { Quarantine } from '../types/quarantine';
import type { Clock, Logger } from '../types/runtime';
import type { Announcer, Dispatcher, LeaseProbe, Sleep } from './ports';

/** Everything a workflow needs, built once at each door's composition root. */
interface RemediationDeps {
  readonly ledger: Ledger;
  readonly quarantine: Quarantine;
  readonly policy: PolicyConfig;
  /** Absent when no Slack is configured: workflows still run, nothing is announced. */
  readonly announcer?: Announcer;
  readonly dispatcher: Dispatcher;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The CLI's: leases record host and pid, and a dead holder's may be taken over at once. @default expiry only */
  readonly leaseProbe?: LeaseProbe;
  /** @default setTimeout */
  readonly sleep?: Sleep;
}

export type { RemediationDeps };
