export type { CreateLedgerTableOptions } from './create-ledger-table';
export { createLedgerTable } from './create-ledger-table';
export type { DynamoDbLedgerOptions } from './DynamoDbLedger';
export { DynamoDbLedger } from './DynamoDbLedger';
export { ALLOWED_TRANSITIONS, INITIAL_STATES, isTransitionAllowed, LEDGER_STATES } from './finding-state';
export type { InMemoryLedgerOptions } from './InMemoryLedger';
export { InMemoryLedger } from './InMemoryLedger';
