import { objectLocation } from '../../../core/finding/object-identity';
import { parseFinding } from '../../../core/finding/parse-finding';
import type { BackfillItem } from '../../../core/reconcile/backfill-finding';
import { type BackfillPagesOptions, backfillPages } from '../../../core/reconcile/backfill-pages';
import { makeFinding } from '../../../local/macie/make-finding';
import { useMacieStandIn } from '../../support/macie-stand-in';
import { recordingLogger } from '../../support/recording-logger';
import { harness, NOW } from '../remediation/support/harness';

const ALICE = 'slack:U0ALICE001';

describe('Function: backfillPages, and the restores of a page', () => {
  const stand = useMacieStandIn();
  const { macie } = stand;

  beforeEach(() => macie.clear());

  /**
   * Macie lists a re-scan of bytes a person restored (its object claimed by nobody yet: a first claim) and a new
   * object beside it; the restore is remembered before the listing.
   */
  async function restoredAndNew() {
    const logs = recordingLogger();
    const h = harness();
    const deps = { ...h.deps, logger: logs.logger };
    const rescan = makeFinding({
      bucket: 'payroll-exports',
      key: 'hr/bonuses.csv',
      eTag: 'e7',
      type: 'SensitiveData:S3Object/Financial',
    });
    const fresh = makeFinding({
      bucket: 'payroll-exports',
      key: 'hr/new.csv',
      eTag: 'e8',
      type: 'SensitiveData:S3Object/Financial',
    });
    macie.add(rescan, fresh);
    await h.ledger.rememberRestore({
      location: objectLocation(parseFinding(rescan)),
      eTag: 'e7',
      findingId: 'f-restored-before',
      actor: ALICE,
      restoredAt: NOW.toISOString(),
    });
    const results: BackfillItem[] = [];
    const options: BackfillPagesOptions = {
      deps,
      macie: stand.client,
      criteria: {},
      sort: { attributeName: 'createdAt', orderBy: 'ASC' },
      pace: async () => {},
      concurrency: 2,
      actor: 'cli:test',
      signal: new AbortController().signal,
      onResult: (item) => {
        results.push(item);
      },
      onPageDone: () => {},
    };
    const outcomeOf = (id: string | undefined) => results.find((r) => r.result.findingId === id)?.result.outcome;
    return { h, logs, options, outcomeOf, ids: { rescan: rescan.id, fresh: fresh.id } };
  }

  it("reads the page's restores once, and no finding whose claim is the first reads its own", async () => {
    // Prepare
    const { h, options, outcomeOf, ids } = await restoredAndNew();
    const batch = jest.spyOn(h.ledger, 'restoredObjects');
    const single = jest.spyOn(h.ledger, 'restoredObject');

    // Act
    const outcome = await backfillPages(options);

    // Assess
    expect(outcome).toEqual({ complete: true });
    expect(outcomeOf(ids.rescan)).toBe('IGNORED');
    expect(outcomeOf(ids.fresh)).toBe('QUARANTINED');
    expect(batch).toHaveBeenCalledTimes(1);
    expect(single).not.toHaveBeenCalled();
  });

  it("lets each finding read its own restore when the page's read fails, and says so once", async () => {
    // Prepare
    const { h, logs, options, outcomeOf, ids } = await restoredAndNew();
    jest.spyOn(h.ledger, 'restoredObjects').mockRejectedValue(new Error('ledger table busy'));
    const single = jest.spyOn(h.ledger, 'restoredObject');

    // Act
    const outcome = await backfillPages(options);

    // Assess: the restored bytes still stay where the person put them
    expect(outcome).toEqual({ complete: true });
    expect(outcomeOf(ids.rescan)).toBe('IGNORED');
    expect(outcomeOf(ids.fresh)).toBe('QUARANTINED');
    expect(single).toHaveBeenCalledTimes(2);
    expect(logs.at('warn').map((l) => [l.message, l.fields.error])).toEqual([
      ['the restores of a page could not be read: each finding reads its own', 'ledger table busy'],
    ]);
  });
});
