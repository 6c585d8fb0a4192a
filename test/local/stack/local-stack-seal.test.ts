import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CopyObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { type LocalStack, startLocalStack } from '../../../local/stack/LocalStack';
import { LOCAL_NAMES } from '../../../local/stack/local-names';
import { SAMPLE_OBJECTS, uploadSample } from '../../../local/stack/sample-objects';

const { sourceBucket: BUCKET, quarantineKeyArn: KEY_ARN } = LOCAL_NAMES;

describe('local stack: SEAL and exemptions', () => {
  let root: string;
  let stack: LocalStack;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'local-stack-seal-'));
    stack = await startLocalStack({ stateDir: root });
  });
  afterAll(async () => {
    await stack.stop();
    rmSync(root, { recursive: true, force: true });
  });

  const head = (key: string) => stack.s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
  const read = async (key: string) =>
    (await stack.s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }))).Body?.transformToString();

  it("keeps a write's SSE headers and answers them on HeadObject; a copy in place without them reads unencrypted", async () => {
    // Prepare
    const key = 'notes/kms-written.txt';
    await stack.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: 'plain words',
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: KEY_ARN,
      }),
    );
    const written = await head(key);

    // Act
    await stack.s3.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: key, CopySource: `${BUCKET}/${key}`, MetadataDirective: 'REPLACE' }),
    );
    const copied = await head(key);

    // Assess
    expect({ sse: written.ServerSideEncryption, key: written.SSEKMSKeyId }).toEqual({ sse: 'aws:kms', key: KEY_ARN });
    expect({ sse: copied.ServerSideEncryption, key: copied.SSEKMSKeyId }).toEqual({ sse: undefined, key: undefined });
  });

  it('seals an object in place with the local quarantine key, and unseals it to the same bytes and metadata', async () => {
    // Prepare: text no detector matches under a key no hint names, so Macie makes no finding of it
    const key = 'notes/meeting.txt';
    const body = 'Agenda: nothing sensitive.\n';
    const put = await stack.s3.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: body,
        ContentType: 'text/plain',
        Metadata: { team: 'ops' },
      }),
    );
    await stack.idle();
    const target = { findingId: 'f'.repeat(32), source: { bucket: BUCKET, key }, actor: 'slack:U0ALICE001' };

    // Act
    const sealed = await stack.deps.quarantine.seal({
      ...target,
      source: { ...target.source, eTag: put.ETag?.replaceAll('"', '') },
    });
    const whileSealed = await head(key);
    const unsealed = await stack.deps.quarantine.unseal(target);
    const after = await head(key);

    // Assess
    expect(sealed).toMatchObject({ outcome: 'SEALED', sealed: { location: { bucket: BUCKET, key } } });
    expect(whileSealed).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: KEY_ARN,
      Metadata: { team: 'ops', 'macie-remediate-sealed': target.findingId, 'macie-remediate-sealed-sse': 'NONE' },
    });
    expect(unsealed).toMatchObject({ outcome: 'RESTORED' });
    expect({ sse: after.ServerSideEncryption, metadata: after.Metadata, type: after.ContentType }).toEqual({
      sse: undefined,
      metadata: { team: 'ops' },
      type: 'text/plain',
    });
    expect(await read(key)).toBe(body);
  });

  it('records a finding on an object under the exempt prefix IGNORED with that reason, and leaves the object', async () => {
    // Prepare
    const sample = { file: SAMPLE_OBJECTS.personal.file, key: `${LOCAL_NAMES.exemptPrefix}dummy-personal-data.txt` };

    // Act
    const { eTag } = await uploadSample(stack.s3, BUCKET, sample);
    await stack.idle();

    // Assess
    const finding = stack.macie.all().find((f) => f.resourcesAffected?.s3Object?.key === sample.key);
    const record = await stack.deps.ledger.get(finding?.id ?? '');
    expect(record).toMatchObject({ state: 'IGNORED', history: [{ action: 'exempted', outcome: 'IGNORED' }] });
    expect(record?.history[0]?.detail).toBe(
      `the object is under the exempt prefix ${LOCAL_NAMES.exemptPrefix} of bucket ${BUCKET}: exempt`,
    );
    expect((await head(sample.key)).ETag).toBe(eTag);
  });
});
