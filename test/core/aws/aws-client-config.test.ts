import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  CreateBucketCommand,
  GetObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from '@aws-sdk/client-s3';
import { awsClientConfig, dynamoClientConfig, s3ClientConfig } from '../../../core/aws/aws-client-config';
import { motoS3, motoUrl, testCredentials, uniqueName } from '../../support/aws';

interface S3rverServer {
  run(): Promise<{ port: number }>;
  close(): Promise<void>;
}
type S3rverClass = new (options: Record<string, unknown>) => S3rverServer;
// s3rver ships no types; this test needs only run/close.
const S3rver = createRequire(__filename)('s3rver') as S3rverClass;

/** Sets environment variables for one test; the SDK reads endpoints and profiles from process.env. */
function withEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  apply(vars);
  return () => apply(saved);
}

/** Puts a streamed body, copies it, reads the copy back. */
async function roundTrip(s3: S3Client, bucket: string): Promise<string> {
  const body = 'line of fake data\n'.repeat(200);
  await s3.send(
    new PutObjectCommand({
      Bucket: bucket,
      Key: 'fake data ü.txt',
      Body: Readable.from([Buffer.from(body)]),
      ContentLength: body.length,
    }),
  );
  await s3.send(
    new CopyObjectCommand({
      Bucket: bucket,
      Key: 'copy.txt',
      CopySource: `${bucket}/${encodeURIComponent('fake data ü.txt')}`,
    }),
  );
  const copy = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'copy.txt' }));
  expect(await copy.Body?.transformToString()).toBe(body);
  return body;
}

const settings = (overrides: { region?: string; profile?: string; endpointUrl?: string } = {}) => overrides;

describe('awsClientConfig', () => {
  it('passes region, profile and --endpoint-url through, and nothing that is unset', () => {
    expect(awsClientConfig(settings())).toEqual({});
    expect(
      awsClientConfig(settings({ region: 'eu-west-1', profile: 'p1', endpointUrl: 'http://127.0.0.1:5000/' })),
    ).toEqual({
      region: 'eu-west-1',
      profile: 'p1',
      endpoint: 'http://127.0.0.1:5000/',
    });
  });

  describe('with a profile (the SDK reads it itself, no fromIni needed)', () => {
    let dir: string;
    let restore: () => void;

    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'macie-remediate-profile-'));
      writeFileSync(join(dir, 'config'), '[profile audit]\nregion = eu-central-1\n');
      writeFileSync(
        join(dir, 'credentials'),
        '[audit]\naws_access_key_id = AKIDAUDIT\naws_secret_access_key = secret\n',
      );
      restore = withEnv({
        AWS_CONFIG_FILE: join(dir, 'config'),
        AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
        AWS_PROFILE: undefined,
        AWS_REGION: undefined,
        AWS_ACCESS_KEY_ID: undefined,
        AWS_SECRET_ACCESS_KEY: undefined,
      });
    });

    afterEach(() => {
      restore();
      rmSync(dir, { recursive: true, force: true });
    });

    it('resolves region and credentials from that profile', async () => {
      // Prepare
      const s3 = new S3Client(awsClientConfig(settings({ profile: 'audit' })));

      // Act
      const region = await s3.config.region();
      const credentials = await s3.config.credentials();

      // Assess
      expect(region).toBe('eu-central-1');
      expect(credentials.accessKeyId).toBe('AKIDAUDIT');
      s3.destroy();
    });
  });
});

describe('dynamoClientConfig', () => {
  it('is the common config with adaptive retry, which slows a bulk run down after throttling', () => {
    expect(dynamoClientConfig(settings({ region: 'eu-west-1', endpointUrl: 'http://127.0.0.1:5000/' }))).toEqual({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:5000/',
      retryMode: 'adaptive',
    });
  });
});

describe('s3ClientConfig', () => {
  it.each<[string, { endpointUrl?: string }, Record<string, string>, boolean]>([
    ['--endpoint-url', { endpointUrl: 'http://127.0.0.1:1/' }, {}, true],
    ['AWS_ENDPOINT_URL_S3', {}, { AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:1' }, true],
    ['AWS_ENDPOINT_URL', {}, { AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, true],
    ['only another service override', {}, { AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:1' }, false],
    ['no override', {}, {}, false],
    [
      'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true',
      {},
      { AWS_ENDPOINT_URL: 'http://127.0.0.1:1', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' },
      false,
    ],
  ])('path-style addressing with %s: %s', (_, given, env, pathStyle) => {
    // Act
    const config = s3ClientConfig(settings(given), env);

    // Assess
    expect(config.forcePathStyle ?? false).toBe(pathStyle);
    expect(config.requestChecksumCalculation).toBe('WHEN_REQUIRED');
    expect(config.retryMode).toBe('adaptive');
  });

  describe('against moto (checksums only when required are harmless there)', () => {
    let bucket: string;
    let restore: (() => void) | undefined;

    beforeEach(async () => {
      bucket = uniqueName('aws-config');
      await motoS3().send(new CreateBucketCommand({ Bucket: bucket }));
    });

    afterEach(() => restore?.());

    it('reaches the endpoint from AWS_ENDPOINT_URL_S3, which the SDK reads itself', async () => {
      // Prepare
      restore = withEnv({ AWS_ENDPOINT_URL_S3: motoUrl(), AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined });
      const s3 = new S3Client({
        ...s3ClientConfig(settings({ region: 'us-east-1' }), process.env),
        credentials: testCredentials,
        maxAttempts: 1,
      });

      // Act & Assess
      await roundTrip(s3, bucket);
      s3.destroy();
    });

    it('reaches the endpoint from --endpoint-url', async () => {
      // Prepare
      const s3 = new S3Client({
        ...s3ClientConfig(settings({ region: 'us-east-1', endpointUrl: motoUrl() }), {}),
        credentials: testCredentials,
        maxAttempts: 1,
      });

      // Act & Assess
      await roundTrip(s3, bucket);
      s3.destroy();
    });
  });

  describe('against s3rver', () => {
    let server: S3rverServer;
    let dir: string;
    let endpoint: string;
    const bucket = 'aws-config-s3rver';

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'macie-remediate-s3rver-'));
      server = new S3rver({
        port: 0,
        address: '127.0.0.1',
        silent: true,
        directory: dir,
        configureBuckets: [{ name: bucket }],
      });
      endpoint = `http://127.0.0.1:${(await server.run()).port}`;
    });

    afterAll(async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const client = (extra: Partial<S3ClientConfig> = {}) =>
      new S3Client({
        ...s3ClientConfig(settings({ region: 'us-east-1', endpointUrl: endpoint }), {}),
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        maxAttempts: 1,
        ...extra,
      });

    it('stores streamed bodies intact', async () => {
      // Prepare
      const s3 = client();

      // Act & Assess
      await roundTrip(s3, bucket);
      s3.destroy();
    });

    it('needs WHEN_REQUIRED: with the SDK default, s3rver keeps the aws-chunked framing in the body', async () => {
      // Prepare
      const s3 = client({ requestChecksumCalculation: 'WHEN_SUPPORTED' });
      const body = 'fake data';
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: 'framed.txt',
          Body: Readable.from([Buffer.from(body)]),
          ContentLength: body.length,
        }),
      );

      // Act
      const stored = await (
        await s3.send(new GetObjectCommand({ Bucket: bucket, Key: 'framed.txt' }))
      ).Body?.transformToString();

      // Assess
      expect(stored).not.toBe(body);
      s3.destroy();
    });
  });
});
