import { Macie2Client } from '@aws-sdk/client-macie2';
import { findingPages } from '../../../core/finding/macie-findings';
import { MacieStandIn } from '../../../local/macie/MacieStandIn';
import { makeFinding } from '../../../local/macie/make-finding';
import {
  FORWARD,
  MACIE_DOWN,
  type ProxyAction,
  startProxy,
  type Proxy as TestProxy,
} from '../../cli/support/http-proxy';
import { gate } from '../../support/gate';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const criteria = {};
const sort = { attributeName: 'createdAt', orderBy: 'ASC' as const };
const pace = async () => {};

describe('findingPages', () => {
  const macie = new MacieStandIn();
  let proxy: TestProxy | undefined;

  beforeAll(async () => {
    await macie.start();
    // Three pages of 50, 50 and 20.
    macie.add(
      ...Array.from({ length: 120 }, (_, i) =>
        makeFinding({ bucket: 'pages', key: `object-${i}.csv`, type: 'SensitiveData:S3Object/Personal' }),
      ),
    );
  });

  afterEach(async () => {
    await proxy?.stop();
    proxy = undefined;
  });

  afterAll(async () => {
    await macie.stop();
  });

  /** A client (no retries) through a proxy deciding on each Macie request by its path and how many came before. */
  async function clientThrough(decide: (path: string, seen: number) => ProxyAction): Promise<Macie2Client> {
    const seen = new Map<string, number>();
    proxy = await startProxy(macie.url, (req) => {
      const count = (seen.get(req.path) ?? 0) + 1;
      seen.set(req.path, count);
      return decide(req.path, count);
    });
    return new Macie2Client({ region: 'us-east-1', endpoint: proxy.url, credentials, maxAttempts: 1 });
  }

  it('reading ahead, asks for the next page while this one is still being read', async () => {
    // Prepare: the first page's GetFindings is held until the second ListFindings has arrived
    const secondList = gate();
    const client = await clientThrough((path, seen) => {
      if (path === '/findings' && seen === 2) secondList.open();
      if (path === '/findings/describe' && seen === 1) return { kind: 'hold', until: secondList.opened };
      return FORWARD;
    });

    // Act
    const sizes: number[] = [];
    for await (const page of findingPages(client, { criteria, sort, pace, readAhead: true })) {
      sizes.push(page.findings.length);
    }

    // Assess: the first page could only come once the second was asked for, and every page came once, in order
    expect(sizes).toEqual([50, 50, 20]);
  });

  it('without reading ahead, asks for a page only when the reader wants it', async () => {
    // Prepare
    let lists = 0;
    const client = await clientThrough((path) => {
      if (path === '/findings') lists += 1;
      return FORWARD;
    });
    const pages = findingPages(client, { criteria, sort, pace });

    // Act
    await pages.next();
    const listsWhileHeld = lists;
    await pages.return(undefined);

    // Assess
    expect(listsWhileHeld).toBe(1);
  });

  it('throws a page read ahead that failed when that page is wanted, and never to a reader that stopped before', async () => {
    // Prepare: Macie fails the second ListFindings
    const down = (path: string, seen: number) => (path === '/findings' && seen === 2 ? MACIE_DOWN : FORWARD);
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      // Act: one reader wants every page, another stops after the first
      const wanting = findingPages(await clientThrough(down), { criteria, sort, pace, readAhead: true });
      const first = await wanting.next();
      const second = wanting.next();
      await expect(second).rejects.toThrow('Internal server error');
      await proxy?.stop();

      const answered = gate();
      const stopping = findingPages(
        await clientThrough((path, seen) => {
          const action = down(path, seen);
          if (action === MACIE_DOWN) answered.open();
          return action;
        }),
        { criteria, sort, pace, readAhead: true },
      );
      for await (const _ of stopping) break;
      await answered.opened;
      // The failed answer's way through the SDK to the abandoned promise.
      await new Promise((resolve) => setTimeout(resolve, 50));

      // Assess
      expect(first.done ? 0 : first.value.findings.length).toBe(50);
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});
