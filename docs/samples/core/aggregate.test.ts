import { z } from 'zod';
import { EventDefinitionError, MemoryEventStore, defineEvent } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { Enrolled, LoyaltyAccount, PointsEarned } from '../getting-started/loyalty-account.js';
import { frozenState, raiseAndCommit, replayFromStore, replayHistory } from './aggregate.js';

describe('core: AggregateRoot', () => {
  it('raise applies and keeps events; markCommitted moves committedVersion', () => {
    const { account, fresh, raised, stored, news, committed } = raiseAndCommit();
    expect([fresh, raised, stored, committed]).toEqual([-1n, 1n, -1n, 1n]);
    expect(news).toEqual(['loyalty.customer.enrolled', 'loyalty.points.earned']);
    expect(account.version).toBe(1n);
    expect(account.committedVersion).toBe(1n);
    expect(account.uncommittedEvents).toEqual([]);
    expect(account.state).toEqual({ enrolled: true, balance: 40 });
  });

  it('before markCommitted, uncommitted events are kept', () => {
    const account = new LoyaltyAccount('a-1');
    account.enrol('p');
    expect(account.committedVersion).toBe(-1n);
    expect(account.uncommittedEvents.map((e) => e.type)).toEqual(['loyalty.customer.enrolled']);
  });

  it('state is deeply frozen', () => {
    const { account } = raiseAndCommit();
    const refused = frozenState(account);
    expect(refused).toBeInstanceOf(TypeError);
    expect((refused as TypeError).message).toMatch(/Cannot assign to read only property 'balance'/);
    expect(account.state.balance).toBe(40);
  });

  it('replay applies history without making it uncommitted', () => {
    const account = replayHistory();
    expect(account.state).toEqual({ enrolled: true, balance: 25 });
    expect(account.version).toBe(1n);
    expect(account.committedVersion).toBe(1n);
    expect(account.uncommittedEvents).toEqual([]);
  });

  it('replayAsync reads a store stream and takes the last revision as version', async () => {
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a-3', [
      Enrolled.create({ accountId: 'a-3', programId: 'p' }),
      PointsEarned.create({ accountId: 'a-3', points: 3, reason: 'x' }),
      PointsEarned.create({ accountId: 'a-3', points: 4, reason: 'y' }),
    ]);
    const { account, count } = await replayFromStore(store);
    expect(count).toBe(3);
    expect(account.version).toBe(2n);
    expect(account.state.balance).toBe(7);
  });

  it('raise refuses a definition outside the aggregate set and changes nothing on failure', () => {
    const Stray = defineEvent('loyalty.stray', z.object({}));
    class Sneaky extends LoyaltyAccount {
      sneak() {
        this.raise(Stray as never, {});
      }
    }
    const account = new Sneaky('a-4');
    expect(() => account.sneak()).toThrow(EventDefinitionError);
    account.enrol('p');
    expect(() => account.earn(-5, 'bad')).toThrow(/points/);
    expect(account.version).toBe(0n);
    expect(account.uncommittedEvents).toHaveLength(1);
  });
});
