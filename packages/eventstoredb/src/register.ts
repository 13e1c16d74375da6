import { EventStoreDBClient } from '@eventstore/db-client';
import { registerEventStore, type CreateEventStoreOptions } from '@strata/core';
import { EventStoreDBConfigurationError } from './errors/eventstoredb-errors.js';
import { EVENTSTOREDB_SCHEMES } from './store/connection-string.js';
import { EventStoreDBEventStore } from './store/eventstoredb-event-store.js';
import type { ReconnectOptions } from './store/eventstoredb-subscription.js';

function clientOption(options: CreateEventStoreOptions): { client?: EventStoreDBClient } {
  if (options.client === undefined) return {};
  if (!(options.client instanceof EventStoreDBClient)) {
    throw new EventStoreDBConfigurationError('the `client` option must be an EventStoreDBClient');
  }
  return { client: options.client };
}

/**
 * `createEventStore('esdb://…')` and friends. Adapter options besides core's: `client` (an
 * existing `EventStoreDBClient`, used instead of the URL), `reconnect` and `appendRetries`.
 */
registerEventStore(EVENTSTOREDB_SCHEMES, (url: string, options: CreateEventStoreOptions) => {
  return new EventStoreDBEventStore({
    connectionString: url,
    ...clientOption(options),
    ...(options.events !== undefined ? { events: options.events } : {}),
    ...(options.maxEventBytes !== undefined ? { maxEventBytes: options.maxEventBytes } : {}),
    ...(options.ids !== undefined ? { ids: options.ids } : {}),
    ...(options.reconnect !== undefined ? { reconnect: options.reconnect as ReconnectOptions } : {}),
    ...(typeof options.appendRetries === 'number' ? { appendRetries: options.appendRetries } : {}),
  });
});
