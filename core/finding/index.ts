export { findingConsoleUrl } from './finding-console-url';
export { isSensitiveDataType, resolveSensitiveDataType, SENSITIVE_DATA_PREFIX, shortTypeName } from './finding-type';
export { objectIdentity } from './object-identity';
export type { SafeParseFindingResult } from './parse-finding';
export { parseFinding, parseSdkFinding, safeParseFinding } from './parse-finding';
export { parseFindingEvent } from './parse-finding-event';
export type { SensitiveDataSummary } from './sensitive-data-summary';
export { sensitiveDataSummary } from './sensitive-data-summary';
