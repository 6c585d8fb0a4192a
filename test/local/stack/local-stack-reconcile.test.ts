import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { objectExists } from '../../../cli/demo/checks';
import type { ReconcileReport } from '../../../core/reconcile/reconcile';
import { type LocalStack, startLocalStack } from '../../../local/stack/LocalStack';
import { LOCAL_NAMES } from '../../../local/stack/local-names';
import { SAMPLE_OBJECTS, uploadSamples } from '../../../local/stack/sample-objects';

const { sourceBucket, quarantineBucket, channel } = LOCAL_NAMES;

/** The finding Macie made on `key`. */
function findingOn(stack: LocalStack, key: string): string {
  const found = stack.macie.all().filter((f) => f.resourcesAffected?.s3Object?.key === key);
  expect(found).toHaveLength(1);
  return found[0]?.id ?? '';
}

describe('Local stack: the reconciler', () => {
  let root: string;
  let stack: LocalStack;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'local-reconcile-'));
  });
  beforeEach(async () => {
    stack = await startLocalStack({ stateDir: mkdtempSync(join(root, 'stack-')) });
  });
  afterEach(() => stack.stop());
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('quarantines an AUTO finding and announces a REVIEW one whose events were never delivered, on POST /run', async () => {
    // Prepare: Macie holds both findings; EventBridge lost both events
    stack.bus.dropNext(2);
    await uploadSamples(stack.s3, sourceBucket);
    await stack.idle();
    const financial = findingOn(stack, SAMPLE_OBJECTS.financial.key);
    const personal = findingOn(stack, SAMPLE_OBJECTS.personal.key);
    const before = [await stack.deps.ledger.get(financial), await stack.deps.ledger.get(personal)];

    // Act
    const response = await fetch(`${stack.urls.reconciler}/run`, { method: 'POST' });
    const report = (await response.json()) as ReconcileReport;
    await stack.idle();

    // Assess
    expect(before).toEqual([undefined, undefined]);
    expect(response.status).toBe(200);
    expect(report).toMatchObject({ complete: true, fresh: 2, findings: { PLANNED: 1, NOTIFIED: 1 } });
    const moved = await stack.deps.ledger.get(financial);
    expect(moved).toMatchObject({ state: 'QUARANTINED', quarantine: { bucket: quarantineBucket } });
    expect(await objectExists(stack.s3, sourceBucket, SAMPLE_OBJECTS.financial.key)).toBe(false);
    expect(await objectExists(stack.s3, quarantineBucket, moved?.quarantine?.key ?? '')).toBe(true);
    expect((await stack.deps.ledger.get(personal))?.state).toBe('AWAITING_REVIEW');
    expect(await objectExists(stack.s3, sourceBucket, SAMPLE_OBJECTS.personal.key)).toBe(true);
    expect(stack.slack.messages(channel.id).map((m) => m.text)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Quarantined automatically: /),
        expect.stringMatching(/^Sensitive data found \(\w+\), review needed/),
      ]),
    );
  });

  it('changes nothing on a second run, and answers a request that is not POST /run with 4xx', async () => {
    // Prepare
    await uploadSamples(stack.s3, sourceBucket);
    await stack.idle();
    const messages = stack.slack.messages(channel.id).length;

    // Act
    const wrongMethod = await fetch(`${stack.urls.reconciler}/run`);
    const wrongPath = await fetch(`${stack.urls.reconciler}/other`, { method: 'POST' });
    const report = await stack.reconcile();
    await stack.idle();

    // Assess
    expect([wrongMethod.status, wrongPath.status]).toEqual([405, 404]);
    expect(report).toMatchObject({ complete: true, fresh: 0, repaired: {} });
    expect(stack.slack.messages(channel.id)).toHaveLength(messages);
  });
});
