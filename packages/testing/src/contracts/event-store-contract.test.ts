import { MemoryEventStore } from '@strata/core';
import { describeEventStoreContract } from './event-store-contract.js';

// The reference implementation passes the contract it defines.
describeEventStoreContract('MemoryEventStore', (options) => new MemoryEventStore(options));
