/** The SDK's error name (e.g. `ConditionalCheckFailedException`): stable where `instanceof` is not. */
const sdkErrorName = (err: unknown): string | undefined =>
  typeof err === 'object' && err !== null && 'name' in err && typeof err.name === 'string' ? err.name : undefined;

export { sdkErrorName };
