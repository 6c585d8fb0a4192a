/** S3 accepts at most this many parts per multipart upload. */
const MAX_PARTS = 10_000;

interface PartRange {
  readonly partNumber: number;
  /** Inclusive byte offsets, as `CopySourceRange: bytes=first-last` wants them. */
  readonly first: number;
  readonly last: number;
}

/** Contiguous ranges covering `size` bytes; the part size grows when `size` would need over 10,000 parts. */
function planParts(size: number, partSizeBytes: number): PartRange[] {
  const partSize = Math.max(partSizeBytes, Math.ceil(size / MAX_PARTS));
  const parts: PartRange[] = [];
  for (let first = 0; first < size; first += partSize) {
    parts.push({ partNumber: parts.length + 1, first, last: Math.min(size, first + partSize) - 1 });
  }
  return parts;
}

export type { PartRange };
export { MAX_PARTS, planParts };
