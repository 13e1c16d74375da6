// The loyalty account of "Coming from Emmett", written with Strata: an aggregate, a repository
// and a projection run by a ProjectionRunner. emmett.ts is the same domain in Emmett.
// #region events
import { z } from 'zod';
import { defineEvent, defineEvents, type EventOf } from '@strata/core';

export const Enrolled = defineEvent(
  'loyalty.customer.enrolled',
  z.object({ accountId: z.string(), programId: z.string() }),
);
export const PointsEarned = defineEvent(
  'loyalty.points.earned',
  z.object({ accountId: z.string(), points: z.number().int().positive(), reason: z.string() }),
);
export const PointsRedeemed = defineEvent(
  'loyalty.points.redeemed',
  z.object({ accountId: z.string(), points: z.number().int().positive() }),
);
export const AccountEvents = defineEvents(Enrolled, PointsEarned, PointsRedeemed);
export type AccountEvent = EventOf<typeof AccountEvents>;
// #endregion events

// #region aggregate
import { AggregateRoot, DomainError, type Draft } from '@strata/core';

type State = { enrolled: boolean; balance: number };

export class LoyaltyAccount extends AggregateRoot<State, AccountEvent> {
  static readonly category = 'loyaltyAccount'; // streams: loyaltyAccount-<id>
  static readonly events = AccountEvents;

  protected initialState(): State {
    return { enrolled: false, balance: 0 };
  }

  protected apply(state: Draft<State>, event: AccountEvent): void {
    switch (event.type) {
      case 'loyalty.customer.enrolled':
        state.enrolled = true;
        return;
      case 'loyalty.points.earned':
        state.balance += event.data.points;
        return;
      case 'loyalty.points.redeemed':
        state.balance -= event.data.points;
        return;
    }
  }

  enrol(programId: string): void {
    this.raise(Enrolled, { accountId: this.id, programId });
  }

  earn(points: number, reason: string): void {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', 'enrol first');
    this.raise(PointsEarned, { accountId: this.id, points, reason });
  }

  redeem(points: number): void {
    if (this.state.balance < points) throw new DomainError('INSUFFICIENT_POINTS', 'insufficient points');
    this.raise(PointsRedeemed, { accountId: this.id, points });
  }
}
// #endregion aggregate

// #region store
import { ConcurrencyError, MemoryCheckpointStore, Repository, createEventStore } from '@strata/core';
import { MemoryReadModelTarget, ProjectionRunner, defineProjection } from '@strata/projections';

type Balance = { balance: number };

const balances = defineProjection({
  name: 'balances',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<Balance>('balances').set(event.streamId, { balance: 0 }),
    'loyalty.points.earned': (event, { documents }) =>
      documents<Balance>('balances').update(event.streamId, (doc) => {
        doc.balance += event.data.points;
      }),
    'loyalty.points.redeemed': (event, { documents }) =>
      documents<Balance>('balances').update(event.streamId, (doc) => {
        doc.balance -= event.data.points;
      }),
  },
});

export const store = createEventStore('memory:');
const accounts = new Repository(store, LoyaltyAccount);
const target = new MemoryReadModelTarget();
const runner = new ProjectionRunner({
  store,
  checkpoints: new MemoryCheckpointStore(),
  target,
  projections: [balances],
});
// #endregion store

// #region spec
import { given } from '@strata/testing';

export const redeemingMoreThanTheBalanceIsRefused = () =>
  given(LoyaltyAccount, [Enrolled.create({ accountId: 'a-1', programId: 'gold' })], { id: 'a-1' })
    .when((account) => account.redeem(5))
    .thenThrows('INSUFFICIENT_POINTS');
// #endregion spec

/** The scenario both samples run; the tests compare what it returns. */
export async function scenario() {
  // #region use
  const account = accounts.create('a-1');
  account.enrol('gold');
  await accounts.save(account);
  await accounts.update('a-1', (a) => a.earn(100, 'signup'));
  const stale = await accounts.load('a-1'); // a second writer reads at version 1n
  const { version } = await accounts.update('a-1', (a) => a.redeem(30));
  // version === 2n: the revision of the last event, counted from 0

  let refusal = '';
  try {
    await accounts.update('a-1', (a) => a.redeem(500));
  } catch (error) {
    if (error instanceof DomainError) refusal = error.message; // 'insufficient points'
  }

  let conflict = '';
  try {
    stale.earn(1, 'x');
    await accounts.save(stale); // appends expecting revision 1n, but the stream is at 2n
  } catch (error) {
    if (error instanceof ConcurrencyError) conflict = 'conflict';
  }

  // The runner reads the log after the append, from its checkpoint.
  await runner.catchUp();
  const balance = await target.documents<Balance>('balances', 'balances').get('loyaltyAccount-a-1');
  // #endregion use
  const types = [];
  for await (const event of store.readStream('loyaltyAccount-a-1', { maxCount: 3 })) types.push(event.type);
  return { types, lastRevision: version, balance: balance?.balance, refusal, conflict };
}
