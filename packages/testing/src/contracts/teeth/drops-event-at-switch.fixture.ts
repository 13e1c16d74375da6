import { MemoryEventStore } from '@strata/core';
import { describeEventStoreContract } from '../event-store-contract.js';
import { DropsEventAtSwitchStore } from './broken-stores.js';

describeEventStoreContract(
  'drops an event at the switch',
  (options) => new DropsEventAtSwitchStore(new MemoryEventStore(options)),
  // A dropped last event is only noticed when the wait for it gives up: keep that short.
  { timeoutMs: 3_000 },
);
