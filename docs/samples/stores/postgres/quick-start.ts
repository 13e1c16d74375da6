// #region quick-start
import { createEventStore, toArray } from '@strata/core';
import '@strata/postgres'; // registers postgres://, postgresql:// and pglite:

const store = createEventStore(process.env.STRATA_STORE_URL ?? 'pglite:./.strata/events');
await store.append(
  'loyaltyAccount-a-1',
  [{ type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'gold' } }],
  { expectedRevision: 'no_stream' },
);
const history = await toArray(store.readStream('loyaltyAccount-a-1'));
await store.close();
// #endregion

export { history };
