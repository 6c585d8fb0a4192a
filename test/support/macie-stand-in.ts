import { Macie2Client } from '@aws-sdk/client-macie2';
import { MacieStandIn } from '../../local/macie/MacieStandIn';

interface MacieStandInSuite {
  readonly macie: MacieStandIn;
  /** An SDK client on the stand-in, one attempt a call (a test sees the first error); there from `beforeAll` on. */
  readonly client: Macie2Client;
}

/** The Macie stand-in, started before the suite's tests and stopped after them, with a client on it. */
function useMacieStandIn(): MacieStandInSuite {
  const macie = new MacieStandIn();
  let client: Macie2Client | undefined;
  beforeAll(async () => {
    const credentials = { accessKeyId: 'testing', secretAccessKey: 'testing' };
    client = new Macie2Client({ endpoint: await macie.start(), region: 'us-east-1', credentials, maxAttempts: 1 });
  });
  afterAll(async () => {
    client?.destroy();
    await macie.stop();
  });
  return {
    macie,
    get client() {
      if (client === undefined) throw new Error('the Macie stand-in starts in beforeAll');
      return client;
    },
  };
}

export { useMacieStandIn };
