import { CreateBucketCommand, PutObjectLockConfigurationCommand } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { archiveChanges } from '../../../core/audit/archive-changes';
import { S3AuditArchive } from '../../../core/audit/S3AuditArchive';
import { genesisHash, linkHash } from '../../../core/ledger/history-chain';
import { silentLogger } from '../../../core/logger';
import { uniqueName } from '../../support/aws';
import type { CliRun } from '../support/captured-io';
import { type CliStack, startCliStack } from '../support/cli-stack';

const json = (run: CliRun) => JSON.parse(run.stdout);

type StoredEvent = Record<string, unknown> & { hash: string };

describe('Command: audit --verify --from-archive', () => {
  let stack: CliStack;
  let doc: DynamoDBDocumentClient;
  let auditBucket: string;
  let findings: [string, string, string];

  /** Run at `now`: by default an hour after the events, when every one of them is owed to the archive. */
  const verify = (args: readonly string[], now = new Date(Date.now() + 60 * 60_000)) =>
    stack.run(['audit', '--verify', '--from-archive', ...args], {
      env: { MACIE_REMEDIATE_AUDIT_BUCKET: auditBucket },
      factory: { now: () => now },
    });

  const storedHistory = async (findingId: string): Promise<StoredEvent[]> =>
    (await doc.send(new GetCommand({ TableName: stack.table, Key: { findingId } }))).Item?.history;

  /** A rewrite by someone with write access who knows the chain: every hash from the first changed event on is recomputed. */
  const rewrite = async (findingId: string, history: Record<string, unknown>[]) => {
    let head = genesisHash(findingId);
    const rehashed = history.map(({ hash: _, ...event }) => {
      head = linkHash(head, event);
      return { ...event, hash: head };
    });
    await doc.send(
      new UpdateCommand({
        TableName: stack.table,
        Key: { findingId },
        UpdateExpression: 'SET history = :history, chain = :chain',
        ExpressionAttributeValues: { ':history': rehashed, ':chain': { head, length: rehashed.length } },
      }),
    );
  };

  beforeAll(async () => {
    stack = await startCliStack();
    doc = DynamoDBDocumentClient.from(stack.dynamo);
    // Two AUTO (received, quarantined, announced), one REVIEW (received, announced).
    const seeded = [
      ...(await stack.seed(2, 'SensitiveData:S3Object/Financial', { prefix: 'fin' })),
      ...(await stack.seed(1, 'SensitiveData:S3Object/Personal', { prefix: 'per' })),
    ];
    findings = seeded.map((finding) => finding.id).sort() as [string, string, string];
    expect((await stack.run(['backfill'])).code).toBe(0);

    // The archive as the archiver writes it from the stream, whose images are the items as stored.
    auditBucket = uniqueName('audit');
    await stack.s3.send(new CreateBucketCommand({ Bucket: auditBucket, ObjectLockEnabledForBucket: true }));
    await stack.s3.send(
      new PutObjectLockConfigurationCommand({
        Bucket: auditBucket,
        ObjectLockConfiguration: {
          ObjectLockEnabled: 'Enabled',
          Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 1 } },
        },
      }),
    );
    const items = (await doc.send(new ScanCommand({ TableName: stack.table, ConsistentRead: true }))).Items ?? [];
    const changes = items.map((newItem, i) => ({ sequenceNumber: String(i), newItem }));
    await archiveChanges(
      { archive: new S3AuditArchive({ s3: stack.s3, bucket: auditBucket }), logger: silentLogger },
      changes,
    );
  });

  afterAll(async () => {
    doc.destroy();
    await stack.stop();
  });

  it('exits 0 when the ledger and the archive hold the same events', async () => {
    const run = await verify(['--json']);
    const text = await verify([]);

    expect(run.code).toBe(0);
    expect(json(run)).toStrictEqual({ verified: 3, broken: [] });
    expect(text).toEqual({ code: 0, stdout: '3 finding histories intact.\n', stderr: '' });
  });

  it('refuses export options beside --verify --from-archive: exit 2, one line', async () => {
    expect(await verify(['--since', '1d'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: --verify checks every whole history; it takes no --since\n',
    });
  });

  it('exits 1 naming histories rewritten with their hashes recomputed, which the chain alone finds intact', async () => {
    // Prepare: one event's detail edited, and one finding's last event cut, each chain rehashed to fit.
    const [edited, cut] = findings;
    const editedHistory = await storedHistory(edited);
    const archivedHash = editedHistory[0]?.hash.slice(0, 12);
    await rewrite(
      edited,
      editedHistory.map((event, i) => (i === 0 ? { ...event, detail: 'nothing sensitive here' } : event)),
    );
    const cutHistory = await storedHistory(cut);
    await rewrite(cut, cutHistory.slice(0, -1));

    // Act
    const chainOnly = await stack.run(['audit', '--verify', '--json']);
    const run = await verify(['--json']);
    const text = await verify([]);

    // Assess
    expect(chainOnly.code).toBe(0);
    expect(json(chainOnly)).toStrictEqual({ verified: 3, broken: [] });
    expect(run.code).toBe(1);
    expect(json(run)).toStrictEqual({
      verified: 1,
      broken: [
        {
          findingId: edited,
          reason: expect.stringMatching(
            new RegExp(`^event 1 differs from the archive \\(archived received at \\S+, hash ${archivedHash}…\\)$`),
          ),
        },
        {
          findingId: cut,
          reason: expect.stringMatching(
            new RegExp(
              `^the archive has event ${cutHistory.length} the ledger does not \\(\\w+ at \\S+, hash \\w+…\\)$`,
            ),
          ),
        },
      ].sort((a, b) => a.findingId.localeCompare(b.findingId)),
    });
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`broken  ${edited}: event 1 differs from the archive`);
    expect(text.stdout).toMatch(/2 altered, reordered or cut; 1 finding history intact\.\n$/);
  });

  it('names an event the archive lacks once it is older than the lag allowance, not while it is fresh', async () => {
    // Prepare: an event the ledger appended that the archiver never got.
    const late = findings[2];
    const at = new Date();
    await stack.ledger.annotate(late, { at: at.toISOString(), actor: 'system', action: 'notification-owed' });
    const missing = (run: CliRun) =>
      (json(run).broken as { findingId: string; reason: string }[]).find(({ findingId }) => findingId === late);

    // Act
    const fresh = await verify(['--json'], new Date(at.getTime() + 14 * 60_000));
    const overdue = await verify(['--json'], new Date(at.getTime() + 16 * 60_000));

    // Assess
    expect(missing(fresh)).toBeUndefined();
    expect(missing(overdue)).toStrictEqual({
      findingId: late,
      reason: `event ${(await storedHistory(late)).length} (notification-owed at ${at.toISOString()}) is missing from the archive`,
    });
  });
});
