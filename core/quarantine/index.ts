export type { QuarantineEngineOptions } from './QuarantineEngine';
export { QuarantineEngine } from './QuarantineEngine';
