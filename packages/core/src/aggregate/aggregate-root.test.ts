import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { EventDefinitionError } from '../errors/event-definition-error.js';
import { EventValidationError } from '../errors/event-validation-error.js';
import { defineEvent } from '../events/define-event.js';
import type { Recorded } from '../events/event.js';
import { Enrolled, LoyaltyAccount, PointsEarned, type AccountEvent } from '../fixtures/loyalty-account.js';
import { commandArbitrary, runCommand } from '../fixtures/loyalty-commands.js';

const asRecorded = (
  events: readonly AccountEvent[],
  streamId = 'loyaltyAccount-a',
): Recorded<AccountEvent>[] =>
  events.map((event, i) => ({
    ...event,
    eventId: `e-${i}`,
    streamId,
    revision: BigInt(i),
    position: BigInt(i * 3),
    recordedAt: new Date(0),
  }));

describe('AggregateRoot', () => {
  it('starts at version -1n with the initial state, frozen', () => {
    const account = new LoyaltyAccount('a');
    expect(account.version).toBe(-1n);
    expect(account.committedVersion).toBe(-1n);
    expect(account.state).toEqual({ enrolled: false, balance: 0, history: [] });
    expect(Object.isFrozen(account.state)).toBe(true);
    expect(Object.isFrozen(account.state.history)).toBe(true);
  });

  it('raise validates, applies, keeps the event and counts the version up', () => {
    const account = new LoyaltyAccount('a');
    account.enrol('gold');
    account.earn(10, 'signup');
    expect(account.version).toBe(1n);
    expect(account.committedVersion).toBe(-1n);
    expect(account.state.balance).toBe(10);
    expect(account.uncommittedEvents.map((e) => e.type)).toEqual([
      'loyalty.customer.enrolled',
      'loyalty.points.earned',
    ]);
    account.markCommitted();
    expect(account.uncommittedEvents).toEqual([]);
    expect(account.committedVersion).toBe(1n);
  });

  it('keeps state deeply frozen after changes', () => {
    const account = new LoyaltyAccount('a');
    account.enrol('gold');
    account.earn(10, 'signup');
    expect(Object.isFrozen(account.state)).toBe(true);
    expect(Object.isFrozen(account.state.history)).toBe(true);
    expect(Object.isFrozen(account.state.history[0])).toBe(true);
    expect(() => {
      (account.state as { balance: number }).balance = 99;
    }).toThrow(TypeError);
  });

  it('changes nothing when raise gets invalid data', () => {
    const account = new LoyaltyAccount('a');
    account.enrol('gold');
    expect(() => account.earn(-1, 'bad')).toThrow(EventValidationError);
    expect(account.version).toBe(0n);
    expect(account.state.balance).toBe(0);
    expect(account.uncommittedEvents).toHaveLength(1);
  });

  it('refuses to raise an event its set does not hold', () => {
    const Stray = defineEvent('loyalty.stray', z.object({}));
    class Leaky extends LoyaltyAccount {
      leak() {
        this.raise(Stray as never, {});
      }
    }
    const account = new Leaky('a');
    expect(() => account.leak()).toThrow(EventDefinitionError);
    expect(account.version).toBe(-1n);
  });

  it('replays recorded events: version is the last revision', () => {
    const events = asRecorded([
      Enrolled.create({ accountId: 'a', programId: 'gold' }),
      PointsEarned.create({ accountId: 'a', points: 4, reason: 'x' }),
    ]);
    const account = new LoyaltyAccount('a').replay(events);
    expect(account.version).toBe(1n);
    expect(account.committedVersion).toBe(1n);
    expect(account.state.balance).toBe(4);
  });

  it('leaves the aggregate unchanged when apply throws during replay', () => {
    class Fragile extends LoyaltyAccount {
      protected override apply(state: Parameters<LoyaltyAccount['apply']>[0], event: AccountEvent): void {
        if (event.type === 'loyalty.points.earned' && event.data.points === 13) throw new Error('unlucky');
        super.apply(state, event);
      }
    }
    const events = asRecorded([
      Enrolled.create({ accountId: 'a', programId: 'gold' }),
      PointsEarned.create({ accountId: 'a', points: 13, reason: 'x' }),
    ]);
    const account = new Fragile('a');
    expect(() => account.replay(events)).toThrow('unlucky');
    expect(account.version).toBe(-1n);
    expect(account.state.enrolled).toBe(false);
  });

  it('property: replaying a random valid history gives the state and version of raising it live', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { maxLength: 40 }), async (commands) => {
        const live = new LoyaltyAccount('a');
        for (const command of commands) runCommand(live, command);
        const history = asRecorded(live.uncommittedEvents);
        const replayed = new LoyaltyAccount('a').replay(history);
        expect(replayed.state).toEqual(live.state);
        expect(replayed.version).toBe(live.version);
        // version equals the last revision (or -1n for an empty history).
        expect(replayed.version).toBe(history.length ? history[history.length - 1]!.revision : -1n);
        const streamed = await new LoyaltyAccount('a').replayAsync(
          (async function* () {
            yield* history;
          })(),
        );
        expect(streamed.state).toEqual(live.state);
        expect(streamed.version).toBe(live.version);
      }),
      { numRuns: 150 },
    );
  });

  it('property: replay in two parts equals replay in one', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 30 }), fc.nat(), (commands, cut) => {
        const live = new LoyaltyAccount('a');
        for (const command of commands) runCommand(live, command);
        const history = asRecorded(live.uncommittedEvents);
        const at = history.length ? cut % (history.length + 1) : 0;
        const twoParts = new LoyaltyAccount('a').replay(history.slice(0, at)).replay(history.slice(at));
        expect(twoParts.state).toEqual(live.state);
        expect(twoParts.version).toBe(live.version);
      }),
      { numRuns: 100 },
    );
  });

  it('replay upcasts older schema versions and rejects unknown types', () => {
    const history = [
      {
        type: 'loyalty.customer.enrolled',
        data: { accountId: 'a', programId: 'p' },
        schemaVersion: 1,
        metadata: {},
      },
      { type: 'loyalty.points.earned', data: { accountId: 'a', points: 3 }, schemaVersion: 1, metadata: {} },
    ];
    const account = new LoyaltyAccount('a').replay(asRecorded(history as AccountEvent[]));
    expect(account.state.balance).toBe(3);
    const unknown = asRecorded([{ type: 'loyalty.gone', data: {}, schemaVersion: 1, metadata: {} }] as never);
    expect(() => new LoyaltyAccount('a').replay(unknown)).toThrow(/Unknown event type 'loyalty.gone'/);
  });
});
