import { MemoryCheckpointStore, MemoryEventStore, MemoryLease } from '@strata/core';
import { describeSagaScenarios } from './test-support/scenarios.js';
import { describeSagaTakeover } from './test-support/takeover-scenarios.js';

describeSagaScenarios('the memory store', (clock) => ({
  store: new MemoryEventStore({ clock }),
  checkpoints: new MemoryCheckpointStore(),
}));

describeSagaTakeover(
  'the memory store with a MemoryLease',
  (clock) => ({ store: new MemoryEventStore({ clock }), checkpoints: new MemoryCheckpointStore() }),
  () => new MemoryLease(),
);
