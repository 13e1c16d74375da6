import { describeCheckpointStoreContract } from '../checkpoint-store-contract.js';
import { NumberCheckpointStore } from './broken-position-stores.js';

describeCheckpointStoreContract('number checkpoints', () => new NumberCheckpointStore());
