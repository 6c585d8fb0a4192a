import { InMemoryLedger } from '../../../core/ledger/InMemoryLedger';
import { describeLedgerContract } from '../../support/ledger-contract';

describeLedgerContract('InMemoryLedger', async ({ clock }) => new InMemoryLedger({ clock }));
