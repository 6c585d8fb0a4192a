import { LANDED_EVENTS } from '../remediation/remediation-actions';
import type { LedgerEvent, LedgerRecord, LedgerState } from '../types/ledger';
import type { FindingsHubUpdate } from '../types/ports';

/** BatchUpdateFindings' limits: Note.Text ≤ 512; UserDefinedFields values ≤ 1,024 characters. */
const NOTE_LIMIT = 512;
const FIELD_LIMIT = 1024;

/** Who signs the note: BatchUpdateFindings' Note.UpdatedBy. */
const UPDATED_BY = 'macie-remediate';

/** What Security Hub shows for each decided state, and the history action of the decision it quotes. */
const SHOWN: Partial<
  Record<LedgerState, { readonly status: FindingsHubUpdate['status']; readonly actions: readonly string[] }>
> = {
  QUARANTINED: { status: 'RESOLVED', actions: Object.values(LANDED_EVENTS) },
  DISMISSED: { status: 'SUPPRESSED', actions: ['dismiss-requested', 'exempted'] },
  RESTORED: { status: 'NOTIFIED', actions: ['restored'] },
};

const clip = (text: string, limit: number): string => (text.length <= limit ? text : `${text.slice(0, limit - 1)}…`);

/** `auto`, `slack:U…`, `cli:alice` in words a Security Hub reader understands. */
function byWhom(actor: string): string {
  if (actor === 'auto') return 'automatically, policy AUTO';
  const [door, who] = actor.split(/:(.*)/s);
  if (door === 'slack' && who) return `by Slack user ${who}`;
  if (door === 'cli' && who) return `by ${who} (terminal)`;
  return `by ${actor}`;
}

/** The person's own words, last: the note is clipped at 512 characters, and who and what must survive. */
const because = (decision: LedgerEvent): string => (decision.reason ? ` Reason: ${decision.reason}` : '');

function note(record: LedgerRecord, decision: LedgerEvent): string {
  const when = ` on ${decision.at}`;
  const { bucket, key } = record.source;
  switch (record.state) {
    case 'QUARANTINED': {
      if (decision.action === LANDED_EVENTS.SEAL)
        return `Sealed in place ${byWhom(decision.actor)}${when}: s3://${bucket}/${key} re-encrypted with the quarantine key.${because(decision)}`;
      if (decision.action === LANDED_EVENTS.TAG)
        return `Tagged ${byWhom(decision.actor)}${when}: s3://${bucket}/${key} (${decision.detail ?? 'classification tag'}).${because(decision)}`;
      const where = record.quarantine ? `s3://${record.quarantine.bucket}/${record.quarantine.key}` : 'quarantine';
      const held = record.legalHold
        ? ` On legal hold since ${record.legalHold.at} ${byWhom(record.legalHold.by)}.`
        : '';
      return `Quarantined ${byWhom(decision.actor)}${when}: s3://${bucket}/${key} moved to ${where}.${held}${because(decision)}`;
    }
    case 'DISMISSED':
      if (decision.action === 'exempted')
        return `Exempted ${byWhom(decision.actor)}${when}: s3://${bucket}/${key} ${decision.detail ?? 'tagged exempt'}.${because(decision)}`;
      return `Dismissed ${byWhom(decision.actor)}${when}${decision.detail ? `: ${decision.detail}` : '.'}${because(decision)}`;
    default:
      return `Restored ${byWhom(decision.actor)}${when} to s3://${bucket}/${key}.${because(decision)}`;
  }
}

/**
 * What Security Hub should show for this record, from the ledger alone (so an owed update is rebuilt the
 * same way later): quarantined → RESOLVED, dismissed → SUPPRESSED, restored → NOTIFIED, each with a note
 * naming who decided and where the object went. Undefined for states Security Hub is not told about.
 */
function hubUpdateFor(record: LedgerRecord): FindingsHubUpdate | undefined {
  const shown = SHOWN[record.state];
  if (!shown) return undefined;
  const decision = record.history.findLast((event) => shown.actions.includes(event.action)) ?? record.history.at(-1);
  if (!decision) return undefined;
  const fields: Record<string, string> = {
    macieRemediateState: record.state,
    macieRemediateActor: decision.actor,
    macieRemediateAt: decision.at,
    ...(record.state === 'QUARANTINED' && record.quarantine
      ? { quarantineKey: `s3://${record.quarantine.bucket}/${record.quarantine.key}` }
      : {}),
    // Always sent while quarantined, so a release clears what a hold set.
    ...(record.state === 'QUARANTINED'
      ? { legalHold: record.legalHold ? `${record.legalHold.at} ${record.legalHold.by}` : 'none' }
      : {}),
  };
  return {
    status: shown.status,
    note: clip(note(record, decision), NOTE_LIMIT),
    fields: Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, clip(value, FIELD_LIMIT)])),
  };
}

export { hubUpdateFor, UPDATED_BY };
