import { hostname } from 'node:os';
import type { LeaseProbe } from '../core/types/ports';
import { isRunning } from '../local/stack/detached-stack';

/**
 * The terminal's leases name this host and pid; a lease held by a process of this host that no longer
 * runs (a laptop's killed run) is taken over at once rather than after it expires.
 */
function processLeaseProbe(): LeaseProbe {
  const host = hostname();
  return {
    holder: { host, pid: process.pid },
    isAbandoned: (lease) =>
      lease.host === host && lease.pid !== undefined && lease.pid !== process.pid && !isRunning(lease.pid),
  };
}

export { processLeaseProbe };
