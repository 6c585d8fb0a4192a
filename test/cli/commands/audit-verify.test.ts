import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createLedgerTable } from '../../../core/ledger/create-ledger-table';
import { itemFromRecord } from '../../../core/ledger/ledger-item';
import type { LedgerRecord } from '../../../core/types/ledger';
import { uniqueName } from '../../support/aws';
import { minimalRecord } from '../../support/ledger-records';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

describe('Command: audit --verify', () => {
  let stack: CliStack;
  let doc: DynamoDBDocumentClient;
  let findings: string[];

  beforeAll(async () => {
    // dynalite: moto deep-copies and sizes every item a scan pages through in Python (about 3 ms each), a minute
    // for the 10,000 below; verifying them in the CLI takes under a second. Slack's pace is not the point here.
    stack = await startCliStack({ ledger: 'dynalite', slackIntervalMs: 10 });
    doc = DynamoDBDocumentClient.from(stack.dynamo);
    // Two AUTO (quarantined by the backfill: received, quarantined, announced), one REVIEW (received, announced).
    const seeded = [
      ...(await stack.seed(2, 'SensitiveData:S3Object/Financial', { prefix: 'fin' })),
      ...(await stack.seed(1, 'SensitiveData:S3Object/Personal', { prefix: 'per' })),
    ];
    findings = seeded.map((finding) => finding.id).sort();
    expect((await stack.run(['backfill'])).code).toBe(0);
  });

  afterAll(async () => {
    doc.destroy();
    await stack.stop();
  });

  /** An edit as someone with write access to the table makes it: UpdateItem through the SDK, not the ledger. */
  const tamper = (findingId: string, UpdateExpression: string, values?: Record<string, unknown>) =>
    doc.send(
      new UpdateCommand({
        TableName: stack.table,
        Key: { findingId },
        UpdateExpression,
        ...(values ? { ExpressionAttributeValues: values } : {}),
      }),
    );

  it('exits 0 on the histories the ledger wrote, counting each finding (object claims are no findings)', async () => {
    // Act
    const run = await stack.run(['audit', '--verify', '--json']);
    const text = await stack.run(['audit', '--verify']);

    // Assess
    expect(run.code).toBe(0);
    expect(json(run)).toStrictEqual({ verified: 3, broken: [] });
    expect(text).toEqual({ code: 0, stdout: '3 finding histories intact.\n', stderr: '' });
  });

  it('refuses export options beside --verify: exit 2, one line', async () => {
    const run = await stack.run(['audit', '--verify', '--since', '1d']);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --verify checks every whole history; it takes no --since\n',
    });
  });

  it('exits 1 naming the finding whose event was edited and the one whose last event was deleted, in the table itself', async () => {
    // Prepare
    const [edited, cut, untouched] = findings as [string, string, string];
    await tamper(edited, 'SET history[0].actor = :someone', { ':someone': 'cli:someone-else' });
    await tamper(cut, 'REMOVE history[1]');
    await tamper(cut, 'REMOVE history[1]');

    // Act
    const run = await stack.run(['audit', '--verify', '--json']);
    const text = await stack.run(['audit', '--verify']);

    // Assess
    expect(run.code).toBe(1);
    expect(json(run)).toStrictEqual({
      verified: 1,
      broken: [
        { findingId: edited, reason: expect.stringMatching(/^event 1 of \d \(received at .*\) was altered/) },
        { findingId: cut, reason: expect.stringMatching(/event\(s\) cut from the end$/) },
      ].sort((a, b) => a.findingId.localeCompare(b.findingId)),
    });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`broken  ${edited}: event 1 of`);
    expect(text.stdout).toContain(`broken  ${cut}: `);
    expect(text.stdout).not.toContain(untouched);
    expect(text.stdout).toMatch(/2 altered, reordered or cut; 1 finding history intact\.\n$/);
  });

  it('exits 0 on an untouched ledger of 10,000 findings', async () => {
    // Prepare: the ledger's own item builder, written 25 at a time.
    const table = uniqueName('ledger');
    await createLedgerTable(stack.dynamo, table, { pollMs: 10 });
    const items = Array.from({ length: 10_000 }, (_, i) => {
      const record = minimalRecord(`f-${String(i).padStart(5, '0')}`);
      const history = [
        { at: '2026-11-27T10:00:00.000Z', actor: 'auto', action: 'received', detail: 'type is set to REVIEW' },
        { at: '2026-11-27T10:00:01.000Z', actor: 'system', action: 'announced' },
        { at: '2026-11-27T12:30:00.000Z', actor: `slack:U${i}`, action: 'dismissed', outcome: 'DISMISSED' },
      ];
      const stored: LedgerRecord = {
        ...record,
        state: 'DISMISSED',
        history,
        version: 3,
        updatedAt: history[2]?.at ?? '',
      };
      return itemFromRecord(stored);
    });
    const batches = Array.from({ length: items.length / 25 }, (_, b) => items.slice(b * 25, b * 25 + 25));
    for (let start = 0; start < batches.length; start += 16) {
      await Promise.all(
        batches.slice(start, start + 16).map(async (batch) => {
          let requests = { [table]: batch.map((Item) => ({ PutRequest: { Item } })) };
          while (Object.keys(requests).length > 0) {
            const written = await doc.send(new BatchWriteCommand({ RequestItems: requests }));
            requests = (written.UnprocessedItems ?? {}) as typeof requests;
          }
        }),
      );
    }

    // Act
    const run = await stack.run(['audit', '--verify', '--json'], { env: { MACIE_REMEDIATE_LEDGER_TABLE: table } });

    // Assess
    expect(run.code).toBe(0);
    expect(json(run)).toStrictEqual({ verified: 10_000, broken: [] });
  }, 180_000);
});
