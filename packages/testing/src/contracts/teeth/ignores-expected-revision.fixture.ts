import { MemoryEventStore } from '@strata/core';
import { describeEventStoreContract } from '../event-store-contract.js';
import { IgnoresExpectedRevisionStore } from './broken-stores.js';

describeEventStoreContract(
  'ignores expected revision',
  (options) => new IgnoresExpectedRevisionStore(new MemoryEventStore(options)),
);
