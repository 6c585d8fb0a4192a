import { compareWithArchive } from '../../../core/audit/compare-archive';
import type { ArchivedEvent, ArchiveVerdict } from '../../../core/types/audit';
import type { StoredHistory } from '../../../core/types/ledger';

const NOW = new Date('2026-11-27T13:00:00.000Z');

/** Events written before the chain: no hash, so the archive's copy is compared field by field. */
const LEGACY = [
  { at: '2026-11-27T10:00:00.000Z', actor: 'auto', action: 'received' },
  { at: '2026-11-27T10:00:01.000Z', actor: 'system', action: 'announced' },
];

const archivedOf = (findingId: string, events: readonly ArchivedEvent['event'][], from = 0): ArchivedEvent[] =>
  events.map((event, i) => ({ findingId, index: from + i, event }));

async function compare(histories: StoredHistory[], archived: ArchivedEvent[]): Promise<ArchiveVerdict[]> {
  const verdicts: ArchiveVerdict[] = [];
  for await (const verdict of compareWithArchive(
    (async function* () {
      yield* histories;
    })(),
    archived,
    NOW,
  ))
    verdicts.push(verdict);
  return verdicts;
}

describe('compareWithArchive', () => {
  it('compares events without a hash by their content', async () => {
    const verdicts = await compare(
      [
        { findingId: 'f-same', history: LEGACY },
        { findingId: 'f-edited', history: [LEGACY[0], { ...LEGACY[1], actor: 'cli:someone-else' }] },
      ],
      [...archivedOf('f-same', LEGACY), ...archivedOf('f-edited', LEGACY)],
    );

    expect(verdicts).toStrictEqual([
      { findingId: 'f-same', status: 'intact' },
      {
        findingId: 'f-edited',
        status: 'broken',
        reason: 'event 2 differs from the archive (archived announced at 2026-11-27T10:00:01.000Z)',
      },
    ]);
  });

  it('owes the archive no event older than its first, nor one without an ISO time', async () => {
    const verdicts = await compare(
      [
        { findingId: 'f-before', history: [{ ...LEGACY[0], at: '2026-11-26T09:00:00.000Z' }] },
        { findingId: 'f-odd-time', history: [{ ...LEGACY[0], at: 'yesterday' }] },
        { findingId: 'f-archived', history: LEGACY },
      ],
      archivedOf('f-archived', LEGACY),
    );

    expect(verdicts).toStrictEqual([
      { findingId: 'f-before', status: 'unarchived' },
      { findingId: 'f-odd-time', status: 'unarchived' },
      { findingId: 'f-archived', status: 'intact' },
    ]);
  });

  it('names a finding the archive holds and the ledger does not', async () => {
    const verdicts = await compare([], archivedOf('f-gone', LEGACY));

    expect(verdicts).toStrictEqual([
      {
        findingId: 'f-gone',
        status: 'broken',
        reason: 'the archive has 2 event(s) of this finding; the ledger holds no record of it',
      },
    ]);
  });
});
