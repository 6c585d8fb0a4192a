import { SENSITIVE_DATA_TYPES, type SensitiveDataType } from '../types/finding';

const SENSITIVE_DATA_PREFIX = 'SensitiveData:S3Object/';

function isSensitiveDataType(type: string): type is SensitiveDataType {
  return (SENSITIVE_DATA_TYPES as readonly string[]).includes(type);
}

/** `SensitiveData:S3Object/Financial` → `Financial`; other types unchanged. */
function shortTypeName(type: string): string {
  return type.startsWith(SENSITIVE_DATA_PREFIX) ? type.slice(SENSITIVE_DATA_PREFIX.length) : type;
}

/**
 * A sensitive-data type as a user may type it: the full Macie name or its short form
 * (`Financial`), in any case. Undefined when it names no known type.
 */
function resolveSensitiveDataType(input: string): SensitiveDataType | undefined {
  const wanted = input.trim().toLowerCase();
  return SENSITIVE_DATA_TYPES.find(
    (type) => type.toLowerCase() === wanted || shortTypeName(type).toLowerCase() === wanted,
  );
}

export { isSensitiveDataType, resolveSensitiveDataType, SENSITIVE_DATA_PREFIX, shortTypeName };
