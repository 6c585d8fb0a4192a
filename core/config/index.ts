export type { LoadSettingsInput } from './load-settings';
export { loadSettings } from './load-settings';
export { readCdkJson } from './read-cdk-json';
export { DEFAULT_AUTO_REMEDIATE_CONFIG } from './resolve-auto-remediate-config';
export type { SettingsFlags } from './settings-flags';
export { ALL_BUCKETS_ALONE, allBucketsNotAlone, NO_SOURCE_BUCKETS, sourceBucketsChosen } from './source-buckets-choice';
export type { StackOutputKey } from './stack-outputs';
export { STACK_OUTPUT_KEYS } from './stack-outputs';
export * from './validate-setting';
