import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { defineProjection, MemoryReadModelTarget, ProjectionRunner } from '@strata/projections';
import { AccountEvents } from '../getting-started/loyalty-account.js';
import { balances, type Account } from './define.js';

export const store = new MemoryEventStore();
const checkpoints = new MemoryCheckpointStore();
export const target = new MemoryReadModelTarget();
export const reads: (number | undefined)[] = [];

// #region bump
const balancesV2 = defineProjection({
  name: 'account-balances',
  version: 2, // was 1: starting a runner with it builds v2 beside v1, then switches reads
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<Account>('accounts').set(event.data.accountId, { balance: 0, tier: 'basic' }),
    'loyalty.points.earned': (event, { documents }) =>
      documents<Account>('accounts').update(event.data.accountId, (doc) => {
        doc.balance += event.data.points;
        doc.tier = doc.balance >= 500 ? 'gold' : 'basic'; // the rule changed
      }),
  },
});
// #endregion

export async function upgrade(): Promise<void> {
  await new ProjectionRunner({ store, checkpoints, target, projections: [balances] }).catchUp();
  // #region rebuild
  const runner = new ProjectionRunner({
    store,
    checkpoints,
    target,
    projections: [balancesV2],
    batchSize: 2,
  });
  await runner.rebuild('account-balances', {
    onProgress: ({ processed, total, eventsPerSecond, etaMs }) =>
      console.log(`${processed}/${total} events, ${eventsPerSecond}/s, ${etaMs ?? '?'} ms left`),
  });
  // #endregion
}
