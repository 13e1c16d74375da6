// The adapter's helpers and constants, which need no server; helpers.test.ts runs them.
import { EventStoreDBEventStore } from '@strata/eventstoredb';
// #region helpers
import {
  CHECKPOINT_EVENT_TYPE,
  EVENTSTOREDB_SCHEMES,
  SNAPSHOT_EVENT_TYPE,
  STRATA_EVENT_ID_NAMESPACE,
  STRATA_METADATA_KEY,
  toClientConnectionString,
  toEventStoreDBId,
  toEventStoreDBPosition,
  toStrataPosition,
  uuidFromName,
} from '@strata/eventstoredb';

toClientConnectionString('kurrentdb+discover://node:2113'); // 'esdb+discover://node:2113'

toStrataPosition(1234n); // 1234n: a $all commit position is a Strata position
toStrataPosition(undefined); // -1n: no position (the client's "none" too)
toEventStoreDBPosition(1234n); // { commit: 1234n, prepare: 1234n }

toEventStoreDBId('3f2c1a52-8f0e-4f7e-9b1c-2a4d5e6f7a8b'); // a lowercase UUID is kept as it is
toEventStoreDBId('order-42-placed'); // any other id: uuidFromName(id), a stable version 5 UUID
uuidFromName('order-42-placed', STRATA_EVENT_ID_NAMESPACE); // the same UUID

export const names = {
  schemes: EVENTSTOREDB_SCHEMES, // ['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:']
  metadataKey: STRATA_METADATA_KEY, // '$strata': where schemaVersion (and a non-UUID eventId) go
  checkpointType: CHECKPOINT_EVENT_TYPE, // '$strata.checkpoint'
  snapshotType: SNAPSHOT_EVENT_TYPE, // '$strata.snapshot'
};
// #endregion helpers

export const results = {
  rewritten: toClientConnectionString('kurrentdb+discover://node:2113'),
  position: toStrataPosition(1234n),
  none: toStrataPosition(undefined),
  esdbPosition: toEventStoreDBPosition(1234n),
  uuidKept: toEventStoreDBId('3f2c1a52-8f0e-4f7e-9b1c-2a4d5e6f7a8b'),
  fromName: toEventStoreDBId('order-42-placed'),
  sameFromName: uuidFromName('order-42-placed', STRATA_EVENT_ID_NAMESPACE),
};

export function misconfigured(): unknown {
  // #region configuration-error
  try {
    new EventStoreDBEventStore({}); // neither a client nor a connection string
  } catch (error) {
    return error; // EventStoreDBConfigurationError, code 'EVENTSTOREDB_CONFIGURATION'
  }
  // #endregion configuration-error
  return undefined;
}
