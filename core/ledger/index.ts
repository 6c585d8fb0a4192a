export type { CreateLedgerTableOptions } from './create-ledger-table';
export { createLedgerTable } from './create-ledger-table';
export type { DynamoDbLedgerOptions } from './DynamoDbLedger';
export { DynamoDbLedger } from './DynamoDbLedger';
export type { InMemoryLedgerOptions } from './InMemoryLedger';
export { InMemoryLedger } from './InMemoryLedger';
export { LEDGER_STATES } from './ledger-item';
export { ALLOWED_TRANSITIONS, INITIAL_STATES, isTransitionAllowed } from './state-machine';
