import type { ChecksumAlgorithm, ChecksumType } from '@aws-sdk/client-s3';

interface Checksum {
  readonly algorithm: ChecksumAlgorithm;
  readonly value: string;
  readonly type: ChecksumType;
}

/** The checksum fields a HeadObject reply and a CopyObjectResult share. */
interface ChecksumFields {
  readonly ChecksumType?: ChecksumType | undefined;
  readonly ChecksumCRC64NVME?: string | undefined;
  readonly ChecksumCRC32?: string | undefined;
  readonly ChecksumCRC32C?: string | undefined;
  readonly ChecksumSHA256?: string | undefined;
  readonly ChecksumSHA1?: string | undefined;
}

const CHECKSUMS: readonly [ChecksumAlgorithm, keyof ChecksumFields][] = [
  ['CRC64NVME', 'ChecksumCRC64NVME'],
  ['CRC32', 'ChecksumCRC32'],
  ['CRC32C', 'ChecksumCRC32C'],
  ['SHA256', 'ChecksumSHA256'],
  ['SHA1', 'ChecksumSHA1'],
];

/** The object's checksum as S3 states it, if it has one. */
function checksumOf(fields: ChecksumFields): Checksum | undefined {
  for (const [algorithm, field] of CHECKSUMS) {
    const value = fields[field];
    if (typeof value !== 'string' || value === '') continue;
    // A composite (per-part) checksum ends in `-<parts>` when the store does not say its type.
    const type = fields.ChecksumType ?? (/-\d+$/.test(value) ? 'COMPOSITE' : 'FULL_OBJECT');
    return { algorithm, value, type };
  }
  return undefined;
}

export type { Checksum };
export { checksumOf };
