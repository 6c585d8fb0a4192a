import { hostname } from 'node:os';
import type { LeaseProbe } from '../core/remediation/ports';

/** Whether a process of this host runs: signal 0 checks without sending; EPERM means it runs as someone else. */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

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
