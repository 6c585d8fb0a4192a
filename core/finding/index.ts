export { findingConsoleUrl } from './finding-console-url';
export { findingIdProblem, MAX_FINDING_ID_LENGTH } from './finding-id';
export { isSensitiveDataType, resolveSensitiveDataType, SENSITIVE_DATA_PREFIX, shortTypeName } from './finding-type';
export { objectIdentity } from './object-identity';
export type { SafeParseFindingResult } from './parse-finding';
export { parseFinding, parseSdkFinding, safeParseFinding } from './parse-finding';
export { parseFindingEvent } from './parse-finding-event';
export type { SensitiveDataSummary } from './sensitive-data-summary';
export { sensitiveDataSummary } from './sensitive-data-summary';
