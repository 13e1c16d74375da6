import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { describeSagaScenarios } from './test-support/scenarios.js';

describeSagaScenarios('the memory store', (clock) => ({
  store: new MemoryEventStore({ clock }),
  checkpoints: new MemoryCheckpointStore(),
}));
