import { MemoryEventStore } from '@strata/core';
import { describeEventStoreContract } from '../event-store-contract.js';
import { NotIdempotentStore } from './broken-stores.js';

describeEventStoreContract(
  'not idempotent',
  (options) => new NotIdempotentStore(new MemoryEventStore(options)),
);
