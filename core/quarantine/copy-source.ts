/**
 * The `CopySource` header value for one exact object (version). Each key segment is percent-encoded on its
 * own so `/` stays a separator while spaces, `+`, `?`, `#`, `%` and unicode survive; encodeURI over the
 * whole path would leave `+`, `?` and `#` raw and S3 would read a different key.
 */
function formatCopySource(bucket: string, key: string, versionId?: string): string {
  const path = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return versionId === undefined ? path : `${path}?versionId=${encodeURIComponent(versionId)}`;
}

export { formatCopySource };
