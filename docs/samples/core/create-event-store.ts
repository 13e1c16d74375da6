import { UnknownStoreSchemeError } from '@strata/core';
// #region register
import { createEventStore, registerEventStore, registeredEventStoreSchemes } from '@strata/core';
import { TinyEventStore } from './tiny-store.js';

// What an adapter package does in its index module, so importing the package is enough:
registerEventStore('tiny:', (_url, options) => new TinyEventStore(options));

const store = createEventStore('tiny:', { maxEventBytes: 4096 });
registeredEventStoreSchemes(); // ['memory:', 'tiny:'] plus any other adapter imported
// #endregion

export { store };

export function unknownScheme(): UnknownStoreSchemeError | undefined {
  let refused: UnknownStoreSchemeError | undefined;
  // #region unknown-scheme
  try {
    createEventStore('mongodb://localhost/events');
  } catch (error) {
    if (!(error instanceof UnknownStoreSchemeError)) throw error;
    // No event store is registered for 'mongodb://localhost/events'. Registered schemes: memory:, tiny:.
    // Import the adapter package (e.g. '@strata/postgres') to register its schemes.
    refused = error; // refused.registered: ['memory:', 'tiny:']
  }
  // #endregion
  return refused;
}
