// #region quick-start
import { createEventStore, toArray } from '@strata/core';
import '@strata/eventstoredb'; // registers esdb://, esdb+discover://, kurrentdb://, kurrentdb+discover://

const store = createEventStore(process.env.EVENTSTOREDB_URL ?? 'esdb://localhost:2113?tls=false');
await store.append(
  'loyaltyAccount-a-1',
  [{ type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'gold' } }],
  { expectedRevision: 'no_stream' },
);
const history = await toArray(store.readStream('loyaltyAccount-a-1'));
// #endregion

// #region category
// `$ce-loyaltyAccount` holds links to every event of every `loyaltyAccount-…` stream
// (the server's `$by_category` projection); reading it resolves them.
const category = await toArray(store.readStream('$ce-loyaltyAccount'));
// #endregion

await store.close();

export { history, category };
