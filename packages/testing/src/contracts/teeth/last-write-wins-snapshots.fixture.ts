import { describeSnapshotStoreContract } from '../snapshot-store-contract.js';
import { LastWriteWinsSnapshotStore } from './broken-position-stores.js';

describeSnapshotStoreContract('last write wins', () => new LastWriteWinsSnapshotStore());
