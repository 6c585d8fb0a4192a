import { Macie2Client } from '@aws-sdk/client-macie2';
import { OLDEST_FIRST } from '../../../cli/findings/finding-criteria';
import { parseFindingFilters } from '../../../cli/findings/finding-filters';
import { selectByFilters } from '../../../cli/findings/select-findings';
import { maciePace } from '../../../core/aws/rate-limiter';
import type { LedgerRecord } from '../../../core/types/ledger';
import { MacieStandIn } from '../../../local/macie/MacieStandIn';
import { makeFinding } from '../../../local/macie/make-finding';
import { gate } from '../../support/gate';
import { FORWARD, startProxy, type Proxy as TestProxy } from '../support/http-proxy';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

describe('selectByFilters', () => {
  const macie = new MacieStandIn();
  let proxy: TestProxy;
  let client: Macie2Client;
  /** Opened when the ledger is first asked for records: the second page's GetFindings waits for it. */
  let firstRead = gate();
  let describes = 0;
  const filters = parseFindingFilters({ bucket: ['selected'] }, new Date());
  const ids: string[] = [];

  beforeAll(async () => {
    await macie.start();
    const findings = Array.from({ length: 120 }, (_, i) =>
      makeFinding({
        bucket: 'selected',
        key: `object-${i}.csv`,
        type: 'SensitiveData:S3Object/Personal',
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      }),
    );
    macie.add(...findings);
    ids.push(...findings.map((f) => f.id as string));
    proxy = await startProxy(macie.url, (req) =>
      req.path === '/findings/describe' && ++describes === 2 ? { kind: 'hold', until: firstRead.opened } : FORWARD,
    );
    client = new Macie2Client({ region: 'us-east-1', endpoint: proxy.url, credentials, maxAttempts: 1 });
  });

  beforeEach(() => {
    describes = 0;
    firstRead = gate();
  });

  afterAll(async () => {
    client.destroy();
    await proxy.stop();
    await macie.stop();
  });

  it("reading ahead, reads a page's records while the next page is fetched, and keeps the pages in order", async () => {
    // Prepare: the second page's findings are held until the ledger has been asked for the first page's records
    const asked: string[][] = [];
    const ledger = {
      getMany: async (wanted: readonly string[]) => {
        asked.push([...wanted]);
        firstRead.open();
        return new Map<string, LedgerRecord>();
      },
    };

    // Act
    const pages: string[][] = [];
    const sources = { macie: client, ledger, pace: maciePace() };
    for await (const page of selectByFilters(sources, filters, OLDEST_FIRST, { readAhead: true })) {
      pages.push(page.map((s) => s.id));
    }

    // Assess
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20]);
    expect(pages.flat()).toEqual(ids);
    expect(asked).toEqual(pages);
  });

  it('reading ahead, throws a failed records read before any later page', async () => {
    // Prepare
    const ledger = {
      getMany: async (): Promise<ReadonlyMap<string, LedgerRecord>> => {
        firstRead.open();
        throw new Error('ledger unreachable');
      },
    };

    // Act
    const pages: number[] = [];
    const sources = { macie: client, ledger, pace: maciePace() };
    const selecting = (async () => {
      for await (const page of selectByFilters(sources, filters, OLDEST_FIRST, { readAhead: true })) {
        pages.push(page.length);
      }
    })();

    // Assess
    await expect(selecting).rejects.toThrow('ledger unreachable');
    expect(pages).toEqual([]);
  });
});
