// #region define
import { defineProjection } from '@strata/projections';
import { AccountEvents } from '../getting-started/loyalty-account.js';

export type Account = { balance: number; tier: 'basic' | 'gold' };

export const balances = defineProjection({
  name: 'account-balances',
  version: 1, // bump it when the handlers change: the read model is rebuilt beside this one
  onError: 'dead-letter', // or 'stop'; retries with backoff come first
  events: AccountEvents, // types the handlers, and upcasts older schema versions
  handlers: {
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<Account>('accounts').set(event.data.accountId, { balance: 0, tier: 'basic' }),
    'loyalty.points.earned': (event, { documents }) =>
      documents<Account>('accounts').update(event.data.accountId, (doc) => {
        doc.balance += event.data.points;
        if (doc.balance >= 1000) doc.tier = 'gold';
      }),
  },
});
// #endregion

// #region untyped
export const streamsSeen = defineProjection({
  name: 'streams-seen',
  version: 1,
  handlers: {
    // Without `events`, a handler gets the recorded event as stored (`data` is unknown).
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<{ at: string }>('streams').set(event.streamId, { at: event.recordedAt.toISOString() }),
  },
});
// #endregion
