// The loyalty account of "Coming from Emmett", written with Emmett 0.42 (a decider, a command
// handler, an inline projection). strata.ts is the same domain in Strata; emmett.test.ts and
// strata.test.ts run the same scenario on both and check the same outcome.
// #region events
import type { Command, Event } from '@event-driven-io/emmett';

export type Enrolled = Event<'loyalty.customer.enrolled', { accountId: string; programId: string }>;
export type PointsEarned = Event<
  'loyalty.points.earned',
  { accountId: string; points: number; reason: string }
>;
export type PointsRedeemed = Event<'loyalty.points.redeemed', { accountId: string; points: number }>;
export type AccountEvent = Enrolled | PointsEarned | PointsRedeemed;

export type Enrol = Command<'Enrol', { accountId: string; programId: string }>;
export type Earn = Command<'Earn', { accountId: string; points: number; reason: string }>;
export type Redeem = Command<'Redeem', { accountId: string; points: number }>;
export type AccountCommand = Enrol | Earn | Redeem;
// #endregion events

// #region decider
import { IllegalStateError } from '@event-driven-io/emmett';

type State = { enrolled: boolean; balance: number };

export const initialState = (): State => ({ enrolled: false, balance: 0 });

export const evolve = (state: State, event: AccountEvent): State => {
  switch (event.type) {
    case 'loyalty.customer.enrolled':
      return { ...state, enrolled: true };
    case 'loyalty.points.earned':
      return { ...state, balance: state.balance + event.data.points };
    case 'loyalty.points.redeemed':
      return { ...state, balance: state.balance - event.data.points };
  }
};

export const decide = (command: AccountCommand, state: State): AccountEvent => {
  switch (command.type) {
    case 'Enrol':
      return { type: 'loyalty.customer.enrolled', data: command.data };
    case 'Earn':
      if (!state.enrolled) throw new IllegalStateError('enrol first');
      return { type: 'loyalty.points.earned', data: command.data };
    case 'Redeem':
      if (state.balance < command.data.points) throw new IllegalStateError('insufficient points');
      return { type: 'loyalty.points.redeemed', data: command.data };
  }
};
// #endregion decider

// #region store
import {
  DeciderCommandHandler,
  getInMemoryEventStore,
  inMemorySingleStreamProjection,
  isExpectedVersionConflictError,
  projections,
} from '@event-driven-io/emmett';

type Balance = { balance: number };

const balances = inMemorySingleStreamProjection<Balance, AccountEvent>({
  collectionName: 'balances',
  canHandle: ['loyalty.points.earned', 'loyalty.points.redeemed'],
  initialState: () => ({ balance: 0 }),
  evolve: (doc: Balance, event: AccountEvent): Balance =>
    event.type === 'loyalty.points.earned'
      ? { balance: doc.balance + event.data.points }
      : event.type === 'loyalty.points.redeemed'
        ? { balance: doc.balance - event.data.points }
        : doc,
});

export const eventStore = getInMemoryEventStore({ projections: projections.inline([balances]) });
const handle = DeciderCommandHandler({
  decide,
  evolve,
  initialState,
  mapToStreamId: (id) => `loyaltyAccount-${id}`,
});
// #endregion store

// #region spec
import { DeciderSpecification } from '@event-driven-io/emmett';

const given = DeciderSpecification.for({ decide, evolve, initialState });

export const redeemingMoreThanTheBalanceIsRefused = () =>
  given([{ type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'gold' } }])
    .when({ type: 'Redeem', data: { accountId: 'a-1', points: 5 } })
    .thenThrows((error) => error instanceof IllegalStateError && error.message === 'insufficient points');
// #endregion spec

/** The scenario both samples run; the tests compare what it returns. */
export async function scenario() {
  // #region use
  await handle(eventStore, 'a-1', { type: 'Enrol', data: { accountId: 'a-1', programId: 'gold' } });
  await handle(eventStore, 'a-1', {
    type: 'Earn',
    data: { accountId: 'a-1', points: 100, reason: 'signup' },
  });
  // a second writer read the stream here, at version 2n
  const { nextExpectedStreamVersion } = await handle(eventStore, 'a-1', {
    type: 'Redeem',
    data: { accountId: 'a-1', points: 30 },
  });
  // nextExpectedStreamVersion === 3n: the stream's version counts its events

  let refusal = '';
  try {
    await handle(eventStore, 'a-1', { type: 'Redeem', data: { accountId: 'a-1', points: 500 } });
  } catch (error) {
    if (error instanceof IllegalStateError) refusal = error.message; // 'insufficient points'
  }

  let conflict = '';
  try {
    const stale = { expectedStreamVersion: 2n }; // the second writer's version; the stream is at 3n
    await handle(
      eventStore,
      'a-1',
      { type: 'Earn', data: { accountId: 'a-1', points: 1, reason: 'x' } },
      stale,
    );
  } catch (error) {
    if (isExpectedVersionConflictError(error)) conflict = 'conflict';
  }

  // The inline projection was updated in the same append.
  const balance = await eventStore.database
    .collection<Balance & { _id: string }>('balances')
    .findOne((doc) => doc._id === 'loyaltyAccount-a-1');
  // #endregion use
  const { events } = await eventStore.readStream<AccountEvent>('loyaltyAccount-a-1');

  return {
    types: events.map((e) => e.type),
    lastRevision: nextExpectedStreamVersion,
    balance: balance?.balance,
    refusal,
    conflict,
  };
}
