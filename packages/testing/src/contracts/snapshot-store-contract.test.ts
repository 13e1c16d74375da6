import { MemorySnapshotStore } from '@strata/core';
import { describeSnapshotStoreContract } from './snapshot-store-contract.js';

describeSnapshotStoreContract('MemorySnapshotStore', () => new MemorySnapshotStore());
