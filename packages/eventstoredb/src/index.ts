// @strata/eventstoredb: the EventStore, CheckpointStore and SnapshotStore on EventStoreDB / KurrentDB.
// Importing this module registers the esdb:// (and kurrentdb://) schemes with createEventStore.
import './register.js';

export {
  EventStoreDBEventStore,
  type EventStoreDBEventStoreOptions,
} from './store/eventstoredb-event-store.js';
export type { ReconnectOptions } from './store/eventstoredb-subscription.js';
export { EVENTSTOREDB_SCHEMES, toClientConnectionString } from './store/connection-string.js';
export { toStrataPosition, toEventStoreDBPosition } from './store/positions.js';
export {
  EventStoreDBCheckpointStore,
  CHECKPOINT_EVENT_TYPE,
  type EventStoreDBCheckpointStoreOptions,
} from './checkpoints/eventstoredb-checkpoint-store.js';
export {
  EventStoreDBSnapshotStore,
  SNAPSHOT_EVENT_TYPE,
  type EventStoreDBSnapshotStoreOptions,
} from './snapshots/eventstoredb-snapshot-store.js';
export { STRATA_METADATA_KEY, type StrataEnvelope } from './events/metadata-layout.js';
export { STRATA_EVENT_ID_NAMESPACE, toEventStoreDBId, uuidFromName } from './events/event-id.js';
export {
  EventStoreDBError,
  EventStoreDBUnavailableError,
  EventStoreDBAccessDeniedError,
  EventStoreDBAppendTooLargeError,
  EventStoreDBDeadlineError,
  EventStoreDBNotFoundError,
  EventStoreDBConfigurationError,
  StreamDeletedError,
  type FailureContext,
} from './errors/eventstoredb-errors.js';
