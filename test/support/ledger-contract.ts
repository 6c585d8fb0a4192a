import { RemediateError } from '../../core/errors';
import type { LedgerRecord, LedgerState } from '../../core/types/ledger';
import type { Ledger, LedgerQuery } from '../../core/types/ports';
import type { Clock } from '../../core/types/runtime';
import { AWKWARD_KEY, minimalRecord, steppingClock, testRecord } from './ledger-records';

/** Builds a new, empty ledger; implementations that page their queries use `pageSize` items a page. */
type NewLedger = (options: { readonly clock: Clock; readonly pageSize: number }) => Promise<Ledger>;

const collect = async (ledger: Ledger, query?: LedgerQuery): Promise<LedgerRecord[]> => {
  const records: LedgerRecord[] = [];
  for await (const record of ledger.query(query)) records.push(record);
  return records;
};

const ids = (records: readonly LedgerRecord[]): string[] => records.map((r) => r.findingId).sort();

/** Writes through every nested level of a record, as a careless caller might. */
function tamper(record: Omit<LedgerRecord, 'version' | 'updatedAt'> | undefined): void {
  const mutable = record as
    | { history: { action: string }[]; source: { key: string }; finding?: { severity: { score: number } } }
    | undefined;
  for (const event of mutable?.history ?? []) event.action = 'tampered';
  if (mutable) mutable.source.key = 'tampered';
  if (mutable?.finding) mutable.finding.severity.score = 1;
}

const approval = { at: '2026-11-27T12:30:00.000Z', actor: 'slack:U0APPROVER', action: 'remediate-requested' };

/**
 * The Ledger port's contract, run against every implementation (in-memory, DynamoDB on moto, DynamoDB
 * on dynalite) so the twin used by unit tests cannot drift from the real thing.
 */
function describeLedgerContract(name: string, newLedger: NewLedger): void {
  describe(`Ledger contract: ${name}`, () => {
    let clock: ReturnType<typeof steppingClock>;
    let ledger: Ledger;

    beforeEach(async () => {
      clock = steppingClock();
      ledger = await newLedger({ clock, pageSize: 7 });
    });

    describe('Method: begin', () => {
      it('creates the record at version 1, stamped by the clock, and reads it back exactly', async () => {
        // Prepare
        const record = testRecord('f-begin');

        // Act
        const begun = await ledger.begin(record);

        // Assess
        const expected = { ...record, version: 1, updatedAt: '2026-11-27T12:00:00.000Z' };
        expect(begun).toStrictEqual({ created: true, record: expected });
        expect(await ledger.get('f-begin')).toStrictEqual(expected);
        expect((await ledger.get('f-begin'))?.source.key).toBe(AWKWARD_KEY);
      });

      it('returns the existing record untouched when the finding was begun before', async () => {
        // Prepare
        const first = await ledger.begin(testRecord('f-twice'));

        // Act
        const second = await ledger.begin(testRecord('f-twice', { state: 'REMEDIATING', decision: 'AUTO' }));

        // Assess
        expect(first.created).toBe(true);
        expect(second.created).toBe(false);
        if (first.created && !second.created) expect(second.existing).toStrictEqual(first.record);
        expect((await ledger.get('f-twice'))?.state).toBe('AWAITING_REVIEW');
      });

      it('creates a finding delivered twenty times at once exactly once', async () => {
        // Act
        const results = await Promise.all(Array.from({ length: 20 }, () => ledger.begin(testRecord('f-redelivered'))));

        // Assess
        expect(results.filter((r) => r.created)).toHaveLength(1);
        expect((await ledger.get('f-redelivered'))?.version).toBe(1);
      });

      it('reads back a record with no optional members', async () => {
        // Act
        await ledger.begin(minimalRecord('f-minimal'));

        // Assess
        expect(await ledger.get('f-minimal')).toStrictEqual({
          ...minimalRecord('f-minimal'),
          version: 1,
          updatedAt: '2026-11-27T12:00:00.000Z',
        });
      });

      it('refuses a state only a transition reaches, writing nothing', async () => {
        // Act
        const begun = ledger.begin(testRecord('f-quarantined', { state: 'QUARANTINED' }));

        // Assess
        await expect(begun).rejects.toMatchObject({ code: 'INTERNAL', context: { findingId: 'f-quarantined' } });
        expect(await ledger.get('f-quarantined')).toBeUndefined();
      });

      it('answers undefined for a finding it never saw', async () => {
        expect(await ledger.get('f-unknown')).toBeUndefined();
      });
    });

    describe('Method: getMany', () => {
      it('reads back the records of 130 findings at once (more than one request holds), those it has only', async () => {
        // Prepare: every third finding begun; an object claim and a restore whose keys are asked for too
        const ids = Array.from({ length: 130 }, (_, i) => `f-many-${i}`);
        const begun = ids.filter((_, i) => i % 3 === 0);
        await Promise.all(begun.map((id) => ledger.begin(testRecord(id))));
        await ledger.claimObject('111122223333/eu-west-1/payroll-exports/claimed.csv', begun[0] as string);

        // Act: each asked for once, one of them twice, with the claim's key
        const found = await ledger.getMany([
          ...ids,
          begun[1] as string,
          'object#111122223333/eu-west-1/payroll-exports/claimed.csv',
        ]);

        // Assess
        expect([...found.keys()].sort()).toEqual([...begun].sort());
        expect(found.get(begun[2] as string)).toStrictEqual(await ledger.get(begun[2] as string));
        expect((await ledger.getMany([])).size).toBe(0);
      });
    });

    describe('Method: transition', () => {
      it('changes state, appends the event, sets the patch and bumps the version', async () => {
        // Prepare
        await ledger.begin(testRecord('f-move'));
        const quarantine = { bucket: 'quarantine-111122223333', key: `f-move/${AWKWARD_KEY}` };

        // Act
        const claimed = await ledger.transition('f-move', {
          from: ['AWAITING_REVIEW'],
          to: 'REMEDIATING',
          event: approval,
        });
        const moved = await ledger.transition('f-move', {
          from: ['REMEDIATING'],
          to: 'QUARANTINED',
          event: {
            at: '2026-11-27T12:31:00.000Z',
            actor: 'slack:U0APPROVER',
            action: 'quarantined',
            outcome: 'QUARANTINED',
          },
          patch: { quarantine, notificationOwed: true },
        });

        // Assess
        expect(claimed).toMatchObject({ ok: true, record: { state: 'REMEDIATING', version: 2 } });
        const expected = {
          ...testRecord('f-move'),
          state: 'QUARANTINED',
          quarantine,
          notificationOwed: true,
          version: 3,
          updatedAt: '2026-11-27T12:00:02.000Z',
          history: [
            ...testRecord('f-move').history,
            approval,
            {
              at: '2026-11-27T12:31:00.000Z',
              actor: 'slack:U0APPROVER',
              action: 'quarantined',
              outcome: 'QUARANTINED',
            },
          ],
        };
        expect(moved).toStrictEqual({ ok: true, record: expected });
        expect(await ledger.get('f-move')).toStrictEqual(expected);
      });

      it('reports the current record, unchanged, when the state is not one of `from`', async () => {
        // Prepare
        await ledger.begin(testRecord('f-dismissed'));
        await ledger.transition('f-dismissed', { from: ['AWAITING_REVIEW'], to: 'DISMISSED', event: approval });
        const before = await ledger.get('f-dismissed');

        // Act
        const result = await ledger.transition('f-dismissed', {
          from: ['AWAITING_REVIEW', 'FAILED'],
          to: 'REMEDIATING',
          event: approval,
        });

        // Assess
        expect(result).toStrictEqual({ ok: false, current: before });
        expect(await ledger.get('f-dismissed')).toStrictEqual(before);
      });

      it('reports no current record for a finding it never saw, and creates none', async () => {
        // Act
        const result = await ledger.transition('f-ghost', {
          from: ['AWAITING_REVIEW'],
          to: 'REMEDIATING',
          event: approval,
        });

        // Assess
        expect(result).toStrictEqual({ ok: false });
        expect(await ledger.get('f-ghost')).toBeUndefined();
      });

      it('lets exactly one of fifty simultaneous Remediate clicks through', async () => {
        // Prepare
        await ledger.begin(testRecord('f-clicks'));

        // Act
        const results = await Promise.all(
          Array.from({ length: 50 }, (_, i) =>
            ledger.transition('f-clicks', {
              from: ['AWAITING_REVIEW'],
              to: 'REMEDIATING',
              event: { ...approval, actor: `slack:U${i}` },
            }),
          ),
        );

        // Assess
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        for (const loser of results.filter((r) => !r.ok)) expect(loser.current?.state).toBe('REMEDIATING');
        const record = await ledger.get('f-clicks');
        expect(record?.version).toBe(2);
        expect(record?.history.filter((e) => e.action === 'remediate-requested')).toHaveLength(1);
      });

      it('throws for an edge the state machine lacks, before writing anything', async () => {
        // Prepare
        await ledger.begin(testRecord('f-illegal'));

        // Act
        const result = ledger.transition('f-illegal', {
          from: ['AWAITING_REVIEW', 'QUARANTINED'],
          to: 'DISMISSED',
          event: approval,
        });

        // Assess
        await expect(result).rejects.toMatchObject({
          code: 'INTERNAL',
          message: expect.stringContaining('QUARANTINED'),
        });
        expect((await ledger.get('f-illegal'))?.version).toBe(1);
      });

      it('throws for a transition with no source state', async () => {
        const result = ledger.transition('f-any', { from: [], to: 'REMEDIATING', event: approval });
        await expect(result).rejects.toBeInstanceOf(RemediateError);
        await expect(result).rejects.toMatchObject({ code: 'INTERNAL' });
      });

      it('leaves members the patch gives as undefined alone', async () => {
        // Prepare
        await ledger.begin(testRecord('f-undefined'));

        // Act
        const result = await ledger.transition('f-undefined', {
          from: ['AWAITING_REVIEW'],
          to: 'REMEDIATING',
          event: approval,
          patch: { slack: undefined, linkedTo: 'f-other' },
        });

        // Assess
        expect(result.ok && result.record.slack).toStrictEqual(testRecord('f-undefined').slack);
        expect(result.ok && result.record.linkedTo).toBe('f-other');
      });
    });

    describe('Method: annotate', () => {
      it('appends the event and sets the Slack reference without changing state', async () => {
        // Prepare
        await ledger.begin(testRecord('f-note', { slack: undefined, notificationOwed: true }));
        const slack = { channel: 'C0123456789', ts: '1764237700.000200', postedAt: '2026-11-27T12:40:00.000Z' };
        const event = { at: '2026-11-27T12:40:00.000Z', actor: 'system', action: 'announced' };

        // Act
        const annotated = await ledger.annotate('f-note', event, { slack, notificationOwed: false });

        // Assess
        const expected = {
          ...testRecord('f-note'),
          slack,
          notificationOwed: false,
          version: 2,
          updatedAt: '2026-11-27T12:00:01.000Z',
          history: [...testRecord('f-note').history, event],
        };
        expect(annotated).toStrictEqual(expected);
        expect(await ledger.get('f-note')).toStrictEqual(expected);
      });

      it('keeps every one of ten simultaneous annotations', async () => {
        // Prepare
        await ledger.begin(testRecord('f-notes'));

        // Act
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            ledger.annotate('f-notes', {
              at: approval.at,
              actor: 'system',
              action: 'notification-owed',
              detail: `try ${i}`,
            }),
          ),
        );

        // Assess
        const record = await ledger.get('f-notes');
        expect(record?.version).toBe(11);
        expect(record?.history.map((e) => e.detail).sort()).toEqual(
          ['type is set to REVIEW', ...Array.from({ length: 10 }, (_, i) => `try ${i}`)].sort(),
        );
      });

      it('answers undefined for a finding it never saw, and creates none', async () => {
        expect(await ledger.annotate('f-nobody', approval, { notificationOwed: true })).toBeUndefined();
        expect(await ledger.get('f-nobody')).toBeUndefined();
      });
    });

    describe('Leases on transitions', () => {
      const NOW = '2026-11-27T12:30:00.000Z';
      const lease = (owner: string, expiresAt = '2026-11-27T12:45:00.000Z') => ({
        owner,
        actor: 'cli:alice',
        takenAt: '2026-11-27T12:30:00.000Z',
        expiresAt,
        host: 'laptop',
        pid: 4242,
      });
      const enter = (findingId: string, owner: string, from: LedgerState[] = ['AWAITING_REVIEW'], now = NOW) =>
        ledger.transition(findingId, {
          from,
          to: 'REMEDIATING',
          event: { ...approval, actor: owner },
          lease: { take: lease(owner), now },
        });
      const finish = (findingId: string, owner: string) =>
        ledger.transition(findingId, {
          from: ['REMEDIATING'],
          to: 'QUARANTINED',
          event: { ...approval, action: 'quarantined' },
          lease: { release: owner },
        });

      it('stores the lease with the write that enters the working state, and the outcome write of its holder clears it', async () => {
        // Prepare
        await ledger.begin(testRecord('f-lease'));

        // Act
        const entered = await enter('f-lease', 'job-1');
        const done = await finish('f-lease', 'job-1');

        // Assess
        expect(entered.ok && entered.record.lease).toStrictEqual(lease('job-1'));
        expect(done.ok).toBe(true);
        expect((await ledger.get('f-lease'))?.lease).toBeUndefined();
        expect((await ledger.get('f-lease'))?.state).toBe('QUARANTINED');
      });

      it('refuses another claimant while the lease is live, and names the holder', async () => {
        // Prepare
        await ledger.begin(testRecord('f-held', { state: 'REMEDIATING', lease: lease('job-1') }));

        // Act
        const second = await enter('f-held', 'job-2', ['REMEDIATING']);

        // Assess
        expect(second.ok).toBe(false);
        expect(!second.ok && second.current?.lease?.owner).toBe('job-1');
        expect((await ledger.get('f-held'))?.version).toBe(1);
      });

      it('lets exactly one of twenty claimants take over an expired lease', async () => {
        // Prepare
        await ledger.begin(
          testRecord('f-expired', { state: 'REMEDIATING', lease: lease('job-dead', '2026-11-27T12:29:59.000Z') }),
        );

        // Act
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => enter('f-expired', `job-${i}`, ['REMEDIATING'])),
        );

        // Assess
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const record = await ledger.get('f-expired');
        expect(record?.state).toBe('REMEDIATING');
        expect(record?.lease?.owner).toBe(winners[0]?.ok && winners[0].record.lease?.owner);
        expect(record?.version).toBe(2);
      });

      it('lets a claimant take over a live lease only from the holder it found abandoned', async () => {
        // Prepare
        await ledger.begin(testRecord('f-abandoned', { state: 'REMEDIATING', lease: lease('job-dead') }));
        const takeOver = (owner: string, abandoned: string) =>
          ledger.transition('f-abandoned', {
            from: ['REMEDIATING'],
            to: 'REMEDIATING',
            event: { ...approval, action: 'remediation-resumed' },
            lease: { take: lease(owner), now: NOW, abandoned },
          });

        // Act
        const wrongHolder = await takeOver('job-2', 'job-someone-else');
        const rightHolder = await takeOver('job-2', 'job-dead');

        // Assess
        expect(wrongHolder.ok).toBe(false);
        expect(rightHolder.ok && rightHolder.record.lease?.owner).toBe('job-2');
      });

      it('refuses the outcome write of a holder whose lease was taken over, changing nothing', async () => {
        // Prepare
        await ledger.begin(
          testRecord('f-taken', { state: 'REMEDIATING', lease: lease('job-slow', '2026-11-27T12:29:59.000Z') }),
        );
        await enter('f-taken', 'job-new', ['REMEDIATING']);
        const before = await ledger.get('f-taken');

        // Act
        const late = await finish('f-taken', 'job-slow');

        // Assess
        expect(late).toStrictEqual({ ok: false, current: before });
      });

      it('clears the lease on any transition that takes none', async () => {
        // Prepare
        await ledger.begin(testRecord('f-back', { state: 'REMEDIATING', lease: lease('job-1') }));

        // Act
        const back = await ledger.transition('f-back', {
          from: ['REMEDIATING'],
          to: 'AWAITING_REVIEW',
          event: approval,
        });

        // Assess
        expect(back.ok).toBe(true);
        expect((await ledger.get('f-back'))?.lease).toBeUndefined();
      });

      it('throws for staying in a state without taking the lease', async () => {
        await ledger.begin(testRecord('f-stay', { state: 'REMEDIATING' }));
        const stay = ledger.transition('f-stay', { from: ['REMEDIATING'], to: 'REMEDIATING', event: approval });
        await expect(stay).rejects.toMatchObject({ code: 'INTERNAL' });
      });
    });

    describe('Restore approvals', () => {
      const quarantined = async (findingId: string) => {
        await ledger.begin(testRecord(findingId, { state: 'REMEDIATING' }));
        await ledger.transition(findingId, {
          from: ['REMEDIATING'],
          to: 'QUARANTINED',
          event: { ...approval, action: 'quarantined' },
        });
      };
      const approve = (findingId: string, approver: string) =>
        ledger.approveRestore(findingId, {
          from: ['QUARANTINED'],
          approval: { approver, at: '2026-11-27T12:30:00.000Z' },
          event: { ...approval, actor: approver, action: 'restore-approved', outcome: 'PENDING_APPROVAL' },
        });
      const restore = (findingId: string, secondApprover?: string) =>
        ledger.transition(findingId, {
          from: ['QUARANTINED'],
          to: 'RESTORING',
          event: { ...approval, action: 'restore-started' },
          ...(secondApprover ? { secondApprover } : {}),
        });

      it('keeps exactly one of ten simultaneous first approvals, and only in a state it may be given in', async () => {
        // Prepare
        await quarantined('f-approve');
        await ledger.begin(testRecord('f-review'));

        // Act
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => approve('f-approve', `slack:U0PERSON${i}`)),
        );
        const elsewhere = await approve('f-review', 'slack:U0ALICE');

        // Assess
        const winners = results.filter((r) => r.ok);
        expect(winners).toHaveLength(1);
        const record = await ledger.get('f-approve');
        expect(record?.restoreApproval).toStrictEqual({
          approver: winners[0]?.ok && winners[0].record.restoreApproval?.approver,
          at: '2026-11-27T12:30:00.000Z',
        });
        expect(record?.state).toBe('QUARANTINED');
        expect(record?.history.filter((e) => e.action === 'restore-approved')).toHaveLength(1);
        expect(results.every((r) => r.ok || r.current?.restoreApproval !== undefined)).toBe(true);
        expect(elsewhere.ok).toBe(false);
        expect((await ledger.get('f-review'))?.restoreApproval).toBeUndefined();
      });

      it('starts a restore as the second approval only for another principal than the pending one, and drops the approval', async () => {
        // Prepare
        await quarantined('f-second');
        await quarantined('f-none');
        await approve('f-second', 'slack:U0ALICE');

        // Act
        const same = await restore('f-second', 'slack:U0ALICE');
        const unapproved = await restore('f-none', 'slack:U0BOB');
        const other = await restore('f-second', 'aws:arn:aws:sts::123456789012:assumed-role/Ops/bob');

        // Assess
        expect(same.ok).toBe(false);
        expect(!same.ok && same.current?.state).toBe('QUARANTINED');
        expect(unapproved.ok).toBe(false);
        expect(other.ok && other.record.state).toBe('RESTORING');
        expect((await ledger.get('f-second'))?.restoreApproval).toBeUndefined();
      });

      it('drops a pending approval on any change of state', async () => {
        // Prepare
        await quarantined('f-drop');
        await approve('f-drop', 'slack:U0ALICE');

        // Act
        const moved = await restore('f-drop');

        // Assess
        expect(moved.ok && moved.record.restoreApproval).toBeUndefined();
        expect((await ledger.get('f-drop'))?.restoreApproval).toBeUndefined();
      });
    });

    describe('Method: verifyHistories', () => {
      it('finds every history it wrote intact, ten simultaneous annotations included, and only findings', async () => {
        // Prepare
        await ledger.begin(testRecord('f-busy'));
        await ledger.begin(minimalRecord('f-quiet'));
        await ledger.claimObject('111122223333/eu-west-1/b/k#v', 'f-busy');
        await ledger.transition('f-busy', { from: ['AWAITING_REVIEW'], to: 'REMEDIATING', event: approval });

        // Act
        await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            ledger.annotate('f-busy', {
              at: approval.at,
              actor: 'system',
              action: 'notification-owed',
              detail: `${i}`,
            }),
          ),
        );
        const verdicts = [];
        for await (const verdict of ledger.verifyHistories()) verdicts.push(verdict);

        // Assess
        expect(verdicts.sort((a, b) => a.findingId.localeCompare(b.findingId))).toStrictEqual([
          { findingId: 'f-busy', status: 'intact' },
          { findingId: 'f-quiet', status: 'intact' },
        ]);
        expect((await ledger.get('f-busy'))?.history).toHaveLength(12);
      });
    });

    describe('Methods: claimObject, releaseObject', () => {
      const identity = `111122223333/eu-west-1/payroll-exports/${AWKWARD_KEY}#Lw8q.5Nb_3x9Qm0`;

      it('gives an object to the first finding and names it to the next', async () => {
        expect(await ledger.claimObject(identity, 'f-first')).toStrictEqual({
          claimed: true,
          first: true,
          heldBefore: false,
        });
        expect(await ledger.claimObject(identity, 'f-rescan')).toStrictEqual({
          claimed: false,
          ownerFindingId: 'f-first',
        });
        // A redelivered event finds its own claim in place.
        expect(await ledger.claimObject(identity, 'f-first')).toStrictEqual({
          claimed: true,
          first: false,
          heldBefore: true,
        });
      });

      it('releases only for the owner, and a released object can be claimed again', async () => {
        // Prepare
        await ledger.claimObject(identity, 'f-owner');

        // Act
        await ledger.releaseObject(identity, 'f-stranger');
        const whileHeld = await ledger.claimObject(identity, 'f-next');
        await ledger.releaseObject(identity, 'f-owner');
        const afterRelease = await ledger.claimObject(identity, 'f-next');

        // Assess
        expect(whileHeld).toStrictEqual({ claimed: false, ownerFindingId: 'f-owner' });
        // Not the first claim of the object: a finding held it before.
        expect(afterRelease).toStrictEqual({ claimed: true, first: false, heldBefore: false });
      });

      it('releasing an object nobody holds does nothing', async () => {
        await expect(ledger.releaseObject('nobody/holds/this#', 'f-any')).resolves.toBeUndefined();
      });

      it('gives an object claimed by twenty findings at once to exactly one', async () => {
        // Act
        const results = await Promise.all(
          Array.from({ length: 20 }, (_, i) => ledger.claimObject(identity, `f-scan-${i}`)),
        );

        // Assess
        const winners = results.flatMap((r, i) => (r.claimed ? [`f-scan-${i}`] : []));
        expect(winners).toHaveLength(1);
        expect(results.find((r) => r.claimed)).toStrictEqual({ claimed: true, first: true, heldBefore: false });
        for (const r of results) if (!r.claimed) expect(r.ownerFindingId).toBe(winners[0]);
      });

      it('keeps claims apart from records', async () => {
        // Prepare
        await ledger.claimObject(identity, 'f-claimed');

        // Act
        const records = await collect(ledger);

        // Assess
        expect(records).toEqual([]);
      });
    });

    describe('Methods: rememberRestore, restoredObject, restoredObjects', () => {
      const location = `111122223333/eu-west-1/payroll-exports/${AWKWARD_KEY}`;
      const restore = (findingId: string, restoredAt: string) => ({
        location,
        eTag: 'd41d8cd98f00b204e9800998ecf8427e',
        findingId,
        actor: 'slack:U0APPROVER',
        restoredAt,
      });

      it('reads back the restore of a location, and nothing for another', async () => {
        await ledger.rememberRestore(restore('f-restored', '2026-11-27T12:00:00.000Z'));
        expect(await ledger.restoredObject(location)).toStrictEqual(restore('f-restored', '2026-11-27T12:00:00.000Z'));
        expect(await ledger.restoredObject(`${location}-other`)).toBeUndefined();
      });

      it('keeps the later restore when an earlier one is recorded after it', async () => {
        // Act
        await ledger.rememberRestore(restore('f-later', '2026-11-27T13:00:00.000Z'));
        await ledger.rememberRestore(restore('f-earlier', '2026-11-27T12:00:00.000Z'));

        // Assess
        expect((await ledger.restoredObject(location))?.findingId).toBe('f-later');
      });

      it('reads back the restores of 250 locations at once (more than one request holds), those it has only', async () => {
        // Prepare: every fifth location restored
        const locations = Array.from({ length: 250 }, (_, i) => `${location}/${i}`);
        const restored = locations.filter((_, i) => i % 5 === 0);
        await Promise.all(
          restored.map((at) =>
            ledger.rememberRestore({ ...restore(`f-${at}`, '2026-11-27T12:00:00.000Z'), location: at }),
          ),
        );

        // Act: each asked for once, one of them twice
        const found = await ledger.restoredObjects([...locations, restored[0] as string]);

        // Assess
        expect([...found.keys()].sort()).toEqual([...restored].sort());
        expect(found.get(restored[1] as string)).toStrictEqual({
          ...restore(`f-${restored[1]}`, '2026-11-27T12:00:00.000Z'),
          location: restored[1],
        });
        expect((await ledger.restoredObjects([])).size).toBe(0);
      });

      it('keeps restores apart from records', async () => {
        await ledger.rememberRestore(restore('f-restored', '2026-11-27T12:00:00.000Z'));
        expect(await collect(ledger)).toEqual([]);
      });
    });

    describe('Methods: tallyReview, keepDigest, takeDigestTurn, endDigestTurn', () => {
      const window = 'C0REVIEW01#2026-11-27T12:00:00.000Z';
      const digest = { channel: 'C0REVIEW01', ts: '1795780800.000100', postedAt: '2026-11-27T12:00:21.000Z' };

      it('counts every one of thirty simultaneous reviews, in total and per group', async () => {
        // Act
        const tallies = await Promise.all(
          Array.from({ length: 30 }, (_, i) =>
            ledger.tallyReview(window, i % 3 === 0 ? 'b1 Financial' : 'b2 Personal'),
          ),
        );

        // Assess
        expect(tallies.map((t) => t.count).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
        const last = await ledger.tallyReview(window, 'b1 Financial');
        expect(last).toStrictEqual({ count: 31, groups: { 'b1 Financial': 11, 'b2 Personal': 20 } });
      });

      it('keeps the first digest of a window', async () => {
        // Prepare
        await ledger.tallyReview(window, 'b1 Financial');

        // Act
        const first = await ledger.keepDigest(window, digest);
        const second = await ledger.keepDigest(window, { ...digest, ts: '1795780800.000200' });

        // Assess
        expect(first.digest).toStrictEqual(digest);
        expect(second).toStrictEqual({ count: 1, groups: { 'b1 Financial': 1 }, digest });
      });

      it('gives the digest turn to one of ten at once, ends it only on the count it showed, and lets an expired turn go', async () => {
        // Prepare
        await ledger.tallyReview(window, 'b1 Financial');
        const now = '2026-11-27T12:01:00.000Z';
        const until = '2026-11-27T12:02:00.000Z';

        // Act
        const takers = await Promise.all(Array.from({ length: 10 }, () => ledger.takeDigestTurn(window, until, now)));
        await ledger.tallyReview(window, 'b1 Financial');
        const notYet = await ledger.endDigestTurn(window, 1, until);
        const ended = await ledger.endDigestTurn(window, 2, until);
        const again = await ledger.takeDigestTurn(window, until, now);
        const afterExpiry = await ledger.takeDigestTurn(window, '2026-11-27T12:04:00.000Z', until);

        // Assess
        expect(takers.filter(Boolean)).toHaveLength(1);
        expect(notYet?.count).toBe(2);
        expect(ended).toBeUndefined();
        expect(again).toBe(true);
        expect(afterExpiry).toBe(true);
      });

      it('keeps tallies apart from records', async () => {
        await ledger.tallyReview(window, 'b1 Financial');
        expect(await collect(ledger)).toEqual([]);
      });
    });

    describe('Method: query', () => {
      const STATES: readonly LedgerState[] = ['AWAITING_REVIEW', 'REMEDIATING', 'IGNORED'];
      const minute = (i: number): string => new Date(Date.parse('2026-11-01T00:00:00.000Z') + i * 60_000).toISOString();

      // Every case only reads: one ledger, written once, serves them all.
      let queried: Ledger;

      beforeAll(async () => {
        queried = await newLedger({ clock: steppingClock(), pageSize: 7 });
        // 150 records, one a minute from 2026-11-01T00:00Z, cycling through three states; plus claims.
        for (let i = 0; i < 150; i++) {
          await queried.begin(
            testRecord(`f-${String(i).padStart(3, '0')}`, {
              state: STATES[i % 3],
              createdAt: minute(i),
              objectIdentity: `111122223333/eu-west-1/b/${i}#`,
            }),
          );
          if (i % 10 === 0) await queried.claimObject(`111122223333/eu-west-1/b/${i}#`, `f-${i}`);
        }
      });

      it('yields every record, across many pages, and no claim', async () => {
        const records = await collect(queried);
        expect(records).toHaveLength(150);
        expect(new Set(ids(records)).size).toBe(150);
      });

      it('filters by state', async () => {
        const records = await collect(queried, { states: ['REMEDIATING', 'IGNORED'] });
        expect(records).toHaveLength(100);
        expect(records.every((r) => r.state === 'REMEDIATING' || r.state === 'IGNORED')).toBe(true);
      });

      it('filters by creation time: since inclusive, until exclusive', async () => {
        const records = await collect(queried, { since: minute(10), until: minute(20) });
        expect(ids(records)).toEqual(Array.from({ length: 10 }, (_, i) => `f-0${10 + i}`));
      });

      it('filters by state and time together', async () => {
        const records = await collect(queried, { states: ['AWAITING_REVIEW'], since: minute(30), until: minute(60) });
        expect(ids(records)).toEqual(Array.from({ length: 10 }, (_, i) => `f-0${30 + 3 * i}`));
      });

      it('accepts date-only bounds and offsets, as an operator types them', async () => {
        // 2026-11-01T02:30+02:00 is 00:30Z: minutes 30 to 149.
        const records = await collect(queried, { since: '2026-11-01T02:30:00+02:00', until: '2026-11-02' });
        expect(records).toHaveLength(120);
      });

      it('treats an empty state list as no filter', async () => {
        expect(await collect(queried, { states: [] })).toHaveLength(150);
      });

      it('rejects a bound that is not a date', async () => {
        await expect(collect(queried, { since: 'last tuesday' })).rejects.toMatchObject({
          code: 'USAGE',
          source: 'user',
        });
      });
    });

    describe('Isolation', () => {
      it('hands out copies: changing a returned record changes nothing stored', async () => {
        // Prepare
        const begun = await ledger.begin(testRecord('f-copy'));
        const got = await ledger.get('f-copy');
        const [queried] = await collect(ledger);

        // Act
        for (const record of [begun.created ? begun.record : undefined, got, queried]) tamper(record);

        // Assess
        expect(await ledger.get('f-copy')).toStrictEqual({
          ...testRecord('f-copy'),
          version: 1,
          updatedAt: '2026-11-27T12:00:00.000Z',
        });
      });

      it('stores a copy: changing the record after begin changes nothing stored', async () => {
        // Prepare
        const record = testRecord('f-mine');
        await ledger.begin(record);

        // Act
        tamper(record);

        // Assess
        expect(await ledger.get('f-mine')).toStrictEqual({
          ...testRecord('f-mine'),
          version: 1,
          updatedAt: '2026-11-27T12:00:00.000Z',
        });
      });
    });
  });
}

export type { NewLedger };
export { collect, describeLedgerContract };
