import { PostgresEventStore } from '@strata/postgres';
import {
  definePostgresProjection,
  InlineProjections,
  PostgresReadModelTarget,
} from '@strata/projections/postgres';
import { AccountEvents, Enrolled, PointsEarned } from '../getting-started/loyalty-account.js';

const store = new PostgresEventStore({ url: 'pglite:' });
const target = new PostgresReadModelTarget({ store });
const cards = definePostgresProjection({
  name: 'account-cards',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<{ points: number }>('cards').set(event.data.accountId, { points: 0 }),
    'loyalty.points.earned': (event, { documents }) =>
      documents<{ points: number }>('cards').update(event.data.accountId, (card) => {
        card.points += event.data.points;
      }),
  },
});

export async function readYourWrites() {
  // #region inline
  const inline = new InlineProjections({ store, target, projections: [cards] });
  await inline.append('loyaltyAccount-a-1', [
    Enrolled.create({ accountId: 'a-1', programId: 'gold' }),
    PointsEarned.create({ accountId: 'a-1', points: 25, reason: 'signup' }),
  ]);
  // Committed with the events: the very next read sees it.
  const card = await target.documents<{ points: number }>('account-cards', 'cards').get('a-1');
  // #endregion
  await store.close();
  return card;
}
