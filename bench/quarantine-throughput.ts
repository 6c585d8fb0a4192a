/**
 * Quarantine throughput and memory, against a moto server this script starts itself.
 *
 *   npx tsx bench/quarantine-throughput.ts [--objects 2000] [--concurrency 1,8,32] [--large-mib 1024]
 *
 * Prints markdown tables: objects/s and peak RSS per concurrency, then the RSS of this process while one
 * large object moves (server-side copy: RSS stays flat whatever the size).
 */
import { execSync } from 'node:child_process';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import {
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { QuarantineEngine } from '../core/quarantine';
import { mapConcurrent } from '../core/quarantine/map-concurrent';
import type { Logger } from '../core/types';
import { startMoto } from '../test/support/moto-server';

const MiB = 1024 * 1024;

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '1,8,32' },
    'large-mib': { type: 'string', default: '1024' },
  },
});
const objectCount = Number(values.objects);
const concurrencies = values.concurrency.split(',').map(Number);
const largeSizes = [...new Set([16, 256, Number(values['large-mib'])])].filter((n) => n > 0).sort((a, b) => a - b);

/** Samples this process's RSS every 20 ms; `peak` is the highest seen since `reset`. */
function rssSampler() {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 20);
  return {
    reset: () => {
      peak = process.memoryUsage.rss();
    },
    peak: () => Math.max(peak, process.memoryUsage.rss()),
    stop: () => clearInterval(timer),
  };
}

const mib = (bytes: number) => (bytes / MiB).toFixed(0);

async function bucket(s3: S3Client, name: string, versioned: boolean): Promise<string> {
  await s3.send(new CreateBucketCommand({ Bucket: name }));
  if (versioned) {
    await s3.send(new PutBucketVersioningCommand({ Bucket: name, VersioningConfiguration: { Status: 'Enabled' } }));
  }
  return name;
}

async function throughput(s3: S3Client, sampler: ReturnType<typeof rssSampler>, concurrency: number) {
  const source = await bucket(s3, `bench-src-c${concurrency}`, false);
  const quarantine = await bucket(s3, `bench-q-c${concurrency}`, true);
  const keys = Array.from({ length: objectCount }, (_, i) => `customers/${String(i).padStart(5, '0')} record.csv`);
  await mapConcurrent(keys, 32, (key) =>
    s3.send(new PutObjectCommand({ Bucket: source, Key: key, Body: `name,ssn\nPerson ${key},123-45-6789\n` })),
  );
  const engine = new QuarantineEngine({ s3, quarantineBucket: quarantine });
  sampler.reset();
  const started = performance.now();
  const results = await mapConcurrent(keys, concurrency, (key, i) =>
    engine.quarantine({ findingId: `f${concurrency}-${i}`, source: { bucket: source, key }, actor: 'bench' }),
  );
  const seconds = (performance.now() - started) / 1000;
  const failed = results.filter((r) => r.outcome !== 'QUARANTINED');
  if (failed.length > 0) throw new Error(`${failed.length} not quarantined: ${JSON.stringify(failed[0])}`);
  return { concurrency, seconds, perSecond: objectCount / seconds, peakRss: sampler.peak() };
}

/** A source of `sizeMiB`, uploaded in 64 MiB parts from one reused buffer, with a full-object CRC32. */
async function largeObject(s3: S3Client, source: string, key: string, sizeMiB: number): Promise<void> {
  const partMiB = Math.min(64, sizeMiB);
  const chunk = Buffer.alloc(partMiB * MiB, 0x5a);
  const upload = await s3.send(
    new CreateMultipartUploadCommand({
      Bucket: source,
      Key: key,
      ChecksumAlgorithm: 'CRC32',
      ChecksumType: 'FULL_OBJECT',
    }),
  );
  const parts = [];
  for (let n = 1; n <= Math.ceil(sizeMiB / partMiB); n++) {
    const part = await s3.send(
      new UploadPartCommand({
        Bucket: source,
        Key: key,
        UploadId: upload.UploadId,
        PartNumber: n,
        Body: chunk,
        ChecksumAlgorithm: 'CRC32',
      }),
    );
    parts.push({ PartNumber: n, ETag: part.ETag, ChecksumCRC32: part.ChecksumCRC32 });
  }
  await s3.send(
    new CompleteMultipartUploadCommand({
      Bucket: source,
      Key: key,
      UploadId: upload.UploadId,
      MultipartUpload: { Parts: parts },
    }),
  );
}

async function largeMove(s3: S3Client, sampler: ReturnType<typeof rssSampler>, sizeMiB: number, multipart: boolean) {
  const tag = `${sizeMiB}m-${multipart ? 'mp' : 'single'}`;
  const source = await bucket(s3, `bench-large-src-${tag}`, false);
  const quarantine = await bucket(s3, `bench-large-q-${tag}`, true);
  await largeObject(s3, source, 'dump.sql', sizeMiB);
  let verifiedBy = '?';
  const logger: Logger = {
    debug() {},
    info: (_m, fields) => {
      verifiedBy = String(fields?.verifiedBy ?? verifiedBy);
    },
    warn() {},
    error() {},
  };
  const engine = new QuarantineEngine({
    s3,
    quarantineBucket: quarantine,
    logger,
    ...(multipart ? { multipartThresholdBytes: 8 * MiB, partSizeBytes: 64 * MiB } : {}),
  });
  const before = process.memoryUsage.rss();
  sampler.reset();
  const started = performance.now();
  const result = await engine.quarantine({
    findingId: `large-${tag}`,
    source: { bucket: source, key: 'dump.sql' },
    actor: 'bench',
  });
  const seconds = (performance.now() - started) / 1000;
  if (result.outcome !== 'QUARANTINED') throw new Error(JSON.stringify(result));
  return {
    sizeMiB,
    mode: multipart ? 'UploadPartCopy, 64 MiB parts' : 'CopyObject',
    seconds,
    before,
    peak: sampler.peak(),
    verifiedBy,
  };
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const moto = await startMoto();
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: moto.url,
    forcePathStyle: true,
    credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
  });
  const sampler = rssSampler();
  try {
    const cpu = cpus()[0]?.model ?? 'unknown';
    const moto_ = execSync('python3 -c "import moto; print(moto.__version__)"').toString().trim();
    console.log(
      `\nmachine: ${execSync('nproc').toString().trim()} cores (nproc), ${cpu}, node ${process.version}, moto ${moto_}`,
    );
    console.log(
      `command: npx tsx bench/quarantine-throughput.ts --objects ${objectCount} --concurrency ${values.concurrency} --large-mib ${values['large-mib']}\n`,
    );

    console.log(
      `### Quarantine throughput: ${objectCount} small objects (unversioned source, versioned quarantine bucket)\n`,
    );
    console.log('| concurrency | seconds | objects/s | peak RSS (MiB) |');
    console.log('|---:|---:|---:|---:|');
    for (const concurrency of concurrencies) {
      const r = await throughput(s3, sampler, concurrency);
      console.log(`| ${r.concurrency} | ${r.seconds.toFixed(1)} | ${r.perSecond.toFixed(0)} | ${mib(r.peakRss)} |`);
    }

    console.log('\n### One large object: RSS of this process while it moves\n');
    console.log(
      '| object size (MiB) | copy | verified by | seconds | RSS before (MiB) | peak RSS during (MiB) | growth (MiB) |',
    );
    console.log('|---:|---|---|---:|---:|---:|---:|');
    for (const sizeMiB of largeSizes) {
      for (const multipart of [false, true]) {
        const r = await largeMove(s3, sampler, sizeMiB, multipart);
        console.log(
          `| ${r.sizeMiB} | ${r.mode} | ${r.verifiedBy} | ${r.seconds.toFixed(1)} | ${mib(r.before)} | ${mib(r.peak)} | ${mib(r.peak - r.before)} |`,
        );
      }
    }
  } finally {
    sampler.stop();
    s3.destroy();
    await moto.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
