import { MemoryEventStore } from '@strata/core';
import { describeEventStoreContract } from '../event-store-contract.js';
import { WritesHalfOfFailingBatchStore } from './broken-stores.js';

describeEventStoreContract(
  'writes half of a failing batch',
  (options) => new WritesHalfOfFailingBatchStore(new MemoryEventStore(options)),
);
