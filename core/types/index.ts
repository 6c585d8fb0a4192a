export type * from './finding';
export type * from './ledger';
export type * from './outcome';
export type * from './policy';
export type * from './ports';
export type * from './quarantine';
export type * from './runtime';
export type * from './settings';
