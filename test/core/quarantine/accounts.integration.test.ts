import {
  type BucketLocationConstraint,
  CreateBucketCommand,
  HeadObjectCommand,
  PutBucketVersioningCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { AccountClients, type AccountClientsOptions } from '../../../core/aws/account-clients';
import { memberRoleArn } from '../../../core/aws/member-credentials';
import type { QuarantineEngineOptions } from '../../../core/quarantine';
import { testCredentials, uniqueName } from '../../support/aws';
import { failOn } from '../../support/fault-injection';
import {
  accountOf,
  accountsOf,
  MEMBER_ROLE,
  motoReach,
  motoSts,
  s3As,
  useAccountsMoto,
} from '../../support/moto-accounts';
import { recordingLogger } from '../../support/recording-logger';
import { type SignedRequest, type SigningProxy, startSigningProxy } from '../../support/signing-proxy';
import { findingId, MiB, NOW, newEngine, putLegacyMultipart, putObject, readText, target } from './support/s3-fixtures';

const MEMBER = '222233334444';
const OTHER_MEMBER = '333344445555';
const OUTSIDER = '555566667777';

describe('QuarantineEngine across accounts and Regions (moto, behind a proxy that records every signature)', () => {
  const moto = useAccountsMoto();
  let proxy: SigningProxy;
  let own: S3Client;
  let ownAccount: string;
  let quarantineBucket: string;

  beforeAll(async () => {
    proxy = await startSigningProxy(moto.url());
    own = new S3Client({
      region: 'us-east-1',
      endpoint: proxy.url,
      credentials: testCredentials,
      forcePathStyle: true,
      maxAttempts: 1,
    });
    ownAccount = await accountOf(moto.url(), testCredentials.accessKeyId);
    quarantineBucket = uniqueName('quarantine');
    await own.send(new CreateBucketCommand({ Bucket: quarantineBucket }));
    await own.send(
      new PutBucketVersioningCommand({ Bucket: quarantineBucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  });
  afterAll(async () => {
    own.destroy();
    await proxy.stop();
  });

  /** An engine whose every client (own, member, STS) goes through the proxy. */
  function engineWith(
    options: Partial<AccountClientsOptions> = {},
    engineOptions: Partial<QuarantineEngineOptions> = {},
  ) {
    const sts = motoSts(proxy.url);
    const engine = newEngine(own, quarantineBucket, {
      accounts: new AccountClients({
        home: own,
        reach: motoReach(proxy.url, sts),
        ownAccount: () => Promise.resolve(ownAccount),
        memberAccounts: [MEMBER],
        memberRoleName: MEMBER_ROLE,
        clock: () => NOW,
        ...options,
      }),
      ...engineOptions,
    });
    return { engine, sts };
  }

  /** A bucket in `account` (in `region`), holding one object. */
  async function memberObject(
    account: string,
    key: string,
    region: BucketLocationConstraint | 'us-east-1' = 'us-east-1',
  ) {
    const s3 = await s3As(moto.url(), account, region);
    const bucket = uniqueName('member');
    await s3.send(
      new CreateBucketCommand({
        Bucket: bucket,
        ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region } }),
      }),
    );
    await putObject(s3, bucket, key, `ssn of ${key}: 123-45-6789`, { Metadata: { owner: 'hr' } });
    return { s3, bucket };
  }

  const since = (mark: number): readonly SignedRequest[] => proxy.requests.slice(mark);
  const touching = (requests: readonly SignedRequest[], bucket: string) =>
    requests.filter((r) => r.bucket === bucket || r.copySourceBucket === bucket);

  it("moves a member's object into the own quarantine bucket and back, every call on its bucket signed as the member role", async () => {
    // Prepare
    const { s3: member, bucket } = await memberObject(MEMBER, 'hr/people.csv');
    const id = findingId();
    const { engine } = engineWith();
    const mark = proxy.requests.length;

    // Act
    const moved = await engine.quarantine(
      target(id, bucket, 'hr/people.csv', { account: MEMBER, region: 'us-east-1' }),
    );
    const afterMove = await readText(member, bucket, 'hr/people.csv');
    const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect(moved).toMatchObject({
      outcome: 'QUARANTINED',
      copy: { source: { bucket, key: 'hr/people.csv', account: MEMBER, region: 'us-east-1' } },
    });
    expect(afterMove).toBeUndefined();
    expect(restored).toMatchObject({ outcome: 'RESTORED', restored: { bucket, key: 'hr/people.csv' } });
    expect(await readText(member, bucket, 'hr/people.csv')).toBe('ssn of hr/people.csv: 123-45-6789');
    const requests = since(mark);
    const accounts = await accountsOf(
      moto.url(),
      requests.map((r) => r.accessKeyId),
    );
    const onMemberBucket = touching(requests, bucket);
    expect(onMemberBucket.length).toBeGreaterThan(0);
    expect(new Set(onMemberBucket.map((r) => accounts.get(r.accessKeyId)))).toEqual(new Set([MEMBER]));
    // The copy into quarantine reads the member's bucket, so the member role sends it; the quarantine bucket alone is ours.
    const quarantineOnly = requests.filter((r) => r.bucket === quarantineBucket && r.copySourceBucket !== bucket);
    expect(quarantineOnly.length).toBeGreaterThan(0);
    expect(new Set(quarantineOnly.map((r) => accounts.get(r.accessKeyId)))).toEqual(new Set([ownAccount]));
    expect(requests.filter((r) => r.action === 'AssumeRole')).toHaveLength(1);
  });

  it("records the source account and Region in the copy's metadata, so a restore knows whose bucket to write to", async () => {
    // Prepare
    const { bucket } = await memberObject(MEMBER, 'notes.txt');
    const id = findingId();

    // Act
    const moved = await engineWith().engine.quarantine(
      target(id, bucket, 'notes.txt', { account: MEMBER, region: 'us-east-1' }),
    );

    // Assess
    if (moved.outcome !== 'QUARANTINED') throw new Error(`unexpected ${JSON.stringify(moved)}`);
    const copy = await own.send(new HeadObjectCommand({ Bucket: quarantineBucket, Key: moved.copy.quarantine.key }));
    expect(copy.Metadata).toMatchObject({
      owner: 'hr',
      'macie-remediate-source-account': MEMBER,
      'macie-remediate-source-region': 'us-east-1',
    });
  });

  it("keeps every call on a member's bucket with the member role in the slow paths too: version sweep, multipart copy, read-back", async () => {
    // Prepare: a versioned bucket holding the same bytes twice, and large objects uploaded without checksums
    const member = await s3As(moto.url(), MEMBER);
    const bucket = uniqueName('member');
    await member.send(new CreateBucketCommand({ Bucket: bucket }));
    await member.send(
      new PutBucketVersioningCommand({ Bucket: bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
    await putObject(member, bucket, 'twice.csv', 'same bytes', { Metadata: { upload: 'first' } });
    const second = await putObject(member, bucket, 'twice.csv', 'same bytes', { Metadata: { upload: 'second' } });
    await putLegacyMultipart(bucket, 'legacy.bin', { endpoint: moto.url(), client: member });
    await putLegacyMultipart(bucket, 'large.bin', { endpoint: moto.url(), client: member });
    const log = recordingLogger();
    const { engine } = engineWith({}, { logger: log.logger });
    const multipart = engineWith({}, { multipartThresholdBytes: 5 * MiB, partSizeBytes: 5 * MiB }).engine;
    const ids = { twice: findingId(), legacy: findingId(), large: findingId() };
    const where = { account: MEMBER, region: 'us-east-1' };
    const mark = proxy.requests.length;

    // Act
    const moved = [
      await engine.quarantine(target(ids.twice, bucket, 'twice.csv', { versionId: second.VersionId, ...where })),
      await engine.quarantine(target(ids.legacy, bucket, 'legacy.bin', where)),
      await multipart.quarantine(target(ids.large, bucket, 'large.bin', where)),
    ];
    const restored = [];
    for (const id of Object.values(ids)) restored.push(await engine.restore({ findingId: id, actor: 'cli:tester' }));

    // Assess
    expect(moved.map((r) => r.outcome)).toEqual(['QUARANTINED', 'QUARANTINED', 'QUARANTINED']);
    expect(restored.map((r) => r.outcome)).toEqual(['RESTORED', 'RESTORED', 'RESTORED']);
    expect(log.lines.filter((l) => l.message === 'quarantined').map((l) => l.fields)).toEqual([
      expect.objectContaining({ sameBytesVersionsRemoved: [expect.any(String)] }),
      expect.objectContaining({ verifiedBy: 'read-back' }),
    ]);
    const requests = since(mark);
    expect(requests.some((r) => r.copySourceBucket === bucket && r.bucket === quarantineBucket)).toBe(true);
    const accounts = await accountsOf(
      moto.url(),
      requests.map((r) => r.accessKeyId),
    );
    const onMemberBucket = touching(requests, bucket);
    expect(new Set(onMemberBucket.map((r) => accounts.get(r.accessKeyId)))).toEqual(new Set([MEMBER]));
  });

  it('assumes the member role once per account for many objects, moved at once or one by one', async () => {
    // Prepare
    const objects = await Promise.all(
      [MEMBER, MEMBER, MEMBER, MEMBER, OTHER_MEMBER, OTHER_MEMBER].map((account, i) =>
        memberObject(account, `batch/${i}.csv`).then((o) => ({ ...o, account, key: `batch/${i}.csv` })),
      ),
    );
    const { engine } = engineWith({ memberAccounts: ['*'] });
    const mark = proxy.requests.length;

    // Act
    const results = await Promise.all(
      objects.map((o) =>
        engine.quarantine(target(findingId(), o.bucket, o.key, { account: o.account, region: 'us-east-1' })),
      ),
    );
    const later = objects[0];
    if (!later) throw new Error('no objects');
    await putObject(later.s3, later.bucket, 'batch/late.csv', 'late');
    const late = await engine.quarantine(
      target(findingId(), later.bucket, 'batch/late.csv', { account: MEMBER, region: 'us-east-1' }),
    );

    // Assess
    expect([...results, late].map((r) => r.outcome)).toEqual(Array(7).fill('QUARANTINED'));
    expect(since(mark).filter((r) => r.action === 'AssumeRole')).toHaveLength(2);
  });

  it('moves nothing of an account out of scope, and assumes no role for it', async () => {
    // Prepare
    const { s3: outsider, bucket } = await memberObject(OUTSIDER, 'secret.txt');
    const id = findingId();
    const mark = proxy.requests.length;

    // Act
    const result = await engineWith().engine.quarantine(
      target(id, bucket, 'secret.txt', { account: OUTSIDER, region: 'us-east-1' }),
    );

    // Assess
    expect(result).toEqual({
      outcome: 'FAILED',
      step: 'inspect',
      reason: `account ${OUTSIDER} is not in scope, so nothing was moved: add it to memberAccounts to act on its objects`,
    });
    expect(await readText(outsider, bucket, 'secret.txt')).toBe('ssn of secret.txt: 123-45-6789');
    expect(touching(since(mark), bucket)).toEqual([]);
    expect(since(mark).filter((r) => r.action === 'AssumeRole')).toEqual([]);
  });

  it('fails at inspect, naming the account, the role and the fix, when the member role cannot be assumed', async () => {
    // Prepare
    const { s3: member, bucket } = await memberObject(MEMBER, 'payroll.csv');
    const { engine, sts } = engineWith();
    failOn(sts, {
      command: 'AssumeRoleCommand',
      error: { name: 'AccessDenied', status: 403, message: 'not authorized to perform sts:AssumeRole' },
    });
    const mark = proxy.requests.length;

    // Act
    const result = await engine.quarantine(
      target(findingId(), bucket, 'payroll.csv', { account: MEMBER, region: 'us-east-1' }),
    );

    // Assess
    const role = memberRoleArn(MEMBER, MEMBER_ROLE);
    expect(result).toEqual({
      outcome: 'FAILED',
      step: 'inspect',
      reason: `cannot assume ${role} in account ${MEMBER} (AccessDenied: not authorized to perform sts:AssumeRole): deploy the member stack there (macie-remediate deploy --members) or set memberRoleName`,
    });
    expect(await readText(member, bucket, 'payroll.csv')).toBe('ssn of payroll.csv: 123-45-6789');
    expect(touching(since(mark), bucket)).toEqual([]);
  });

  it.each([
    ['a member account', MEMBER],
    ['the own account', undefined],
  ])("moves and restores %s's object in another Region, each call sent to its bucket's Region", async (_, account) => {
    // Prepare
    const { s3: owner, bucket } = await memberObject(account ?? ownAccount, 'eu/records.csv', 'eu-west-1');
    const id = findingId();
    const { engine } = engineWith();
    const mark = proxy.requests.length;

    // Act
    const moved = await engine.quarantine(
      target(id, bucket, 'eu/records.csv', { account: account ?? ownAccount, region: 'eu-west-1' }),
    );
    const afterMove = await readText(owner, bucket, 'eu/records.csv');
    const restored = await engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect(moved.outcome).toBe('QUARANTINED');
    expect(afterMove).toBeUndefined();
    expect(restored.outcome).toBe('RESTORED');
    expect(await readText(owner, bucket, 'eu/records.csv')).toBe('ssn of eu/records.csv: 123-45-6789');
    const requests = since(mark);
    const accounts = await accountsOf(
      moto.url(),
      requests.map((r) => r.accessKeyId),
    );
    const onSource = requests.filter((r) => r.bucket === bucket);
    expect(new Set(onSource.map((r) => r.region))).toEqual(new Set(['eu-west-1']));
    expect(new Set(onSource.map((r) => accounts.get(r.accessKeyId)))).toEqual(new Set([account ?? ownAccount]));
    const toQuarantine = requests.filter((r) => r.bucket === quarantineBucket);
    expect(new Set(toQuarantine.map((r) => r.region))).toEqual(new Set(['us-east-1']));
  });

  it("restores a copy made without an account or Region (an older version) as the own account's, in the home Region", async () => {
    // Prepare
    const bucket = uniqueName('own');
    await own.send(new CreateBucketCommand({ Bucket: bucket }));
    await putObject(own, bucket, 'old.csv', 'moved by an older version');
    const id = findingId();
    const legacy = await newEngine(own, quarantineBucket).quarantine(target(id, bucket, 'old.csv'));
    const mark = proxy.requests.length;

    // Act
    const restored = await engineWith().engine.restore({ findingId: id, actor: 'cli:tester' });

    // Assess
    expect(legacy.outcome).toBe('QUARANTINED');
    expect(restored.outcome).toBe('RESTORED');
    expect(await readText(own, bucket, 'old.csv')).toBe('moved by an older version');
    expect(since(mark).filter((r) => r.service === 'sts')).toEqual([]);
  });
});
