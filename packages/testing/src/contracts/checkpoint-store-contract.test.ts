import { MemoryCheckpointStore } from '@strata/core';
import { describeCheckpointStoreContract } from './checkpoint-store-contract.js';

describeCheckpointStoreContract('MemoryCheckpointStore', () => new MemoryCheckpointStore());
