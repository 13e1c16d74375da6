import { Repository, createEventStore, toArray, type RecordedEvent } from '@strata/core';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';
// #region caused-by
import { causedBy, mergeMetadata, type Metadata } from '@strata/core';

// The events a handler writes in reaction to `cause` share its correlation id and name it as their cause.
export function metadataFor(cause: RecordedEvent, userId: string): Metadata {
  return causedBy(cause, { userId, source: 'reward-handler' });
}
// #endregion

export function merged(): Metadata {
  // #region merge
  const metadata = mergeMetadata(
    { tenantId: 'acme', userId: 'u-1' },
    { userId: 'u-2', traceId: undefined }, // undefined never erases
    undefined,
    { requestId: 'req-9' },
  );
  // { tenantId: 'acme', userId: 'u-2', requestId: 'req-9' }
  // #endregion
  return metadata;
}

export async function saveWithMetadata() {
  const store = createEventStore('memory:');
  const accounts = new Repository(store, LoyaltyAccount);
  // #region save-metadata
  const account = accounts.create('a-7');
  account.enrol('gold-club');
  await accounts.save(account, { metadata: { correlationId: 'req-42', userId: 'u-1' } });

  await accounts.update('a-7', (a) => a.earn(10, 'purchase'), {
    metadata: { correlationId: 'req-43', userId: 'u-2' },
  });
  // #endregion
  return toArray(store.readStream('loyaltyAccount-a-7'));
}
