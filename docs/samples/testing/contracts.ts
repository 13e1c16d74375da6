// The contract suites sample of the testing guide, with core's memory stores standing in for
// an adapter's; contracts.test.ts registers the suites.
// #region contracts
import { MemoryCheckpointStore, MemoryEventStore, MemorySnapshotStore } from '@strata/core';
import {
  describeCheckpointStoreContract,
  describeEventStoreContract,
  describeSnapshotStoreContract,
} from '@strata/testing';

describeEventStoreContract('MemoryEventStore', (options) => new MemoryEventStore(options));
describeCheckpointStoreContract('MemoryCheckpointStore', () => new MemoryCheckpointStore());
describeSnapshotStoreContract('MemorySnapshotStore', () => new MemorySnapshotStore());
// #endregion contracts
