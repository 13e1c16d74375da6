import type { EventStore, ReadAllOptions } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/define-projection.js';
import { ProjectionConfigError } from '../errors/projection-errors.js';
import { MemoryReadModelTarget } from '../target/memory-read-model-target.js';
import { checkpointName } from '../target/read-model-target.js';
import {
  AccountEvents,
  balances,
  Enrolled,
  memory,
  Noted,
  PointsEarned,
  seed,
  type Account,
} from '../test-support/loyalty.js';
import { ProjectionRunner } from './projection-runner.js';

/** Records every readAll call's options. */
function spying(store: EventStore): { store: EventStore; reads: ReadAllOptions[] } {
  const reads: ReadAllOptions[] = [];
  const spy: EventStore = {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    subscribe: (...args) => store.subscribe(...args),
    close: () => store.close(),
    readAll: (options = {}) => {
      reads.push(options);
      return store.readAll(options);
    },
  };
  return { store: spy, reads };
}

describe('ProjectionRunner: catching up', () => {
  it('builds the read model and commits the checkpoint of the last event read', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 2, 3);
    const target = new MemoryReadModelTarget();
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances()],
      batchSize: 500,
    });
    await runner.catchUp();
    const accounts = target.documents<Account>('account-balances', 'accounts');
    expect(await accounts.get('a-0')).toEqual({ balance: 6, earned: 3, reasons: ['r0', 'r1', 'r2'] });
    expect(await accounts.count()).toBe(2);
    expect(
      await checkpoints.load(checkpointName({ name: 'account-balances', version: 1, generation: 0 })),
    ).toBe(7n);
    expect(runner.status()).toMatchObject([
      {
        name: 'account-balances',
        version: 1,
        role: 'active',
        position: 7n,
        lag: 0n,
        state: 'idle',
        deadLetters: 0,
      },
    ]);
  });

  it('a second catch-up (or a new runner) resumes after the checkpoint and applies nothing twice', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 2);
    const target = new MemoryReadModelTarget();
    const first = new ProjectionRunner({ store, checkpoints, target, projections: [balances()] });
    await first.catchUp();
    await first.catchUp();
    await store.append('loyaltyAccount-a-0', [
      PointsEarned.create({ accountId: 'a-0', points: 10, reason: 'late' }),
    ]);
    const second = new ProjectionRunner({ store, checkpoints, target, projections: [balances()] });
    await second.catchUp();
    expect(await target.documents<Account>('account-balances', 'accounts').get('a-0')).toMatchObject({
      balance: 13,
      earned: 3,
    });
  });

  it('reads in batches of batchSize and commits each (metrics see every batch)', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 4); // positions 0..4
    const batches: { events: number; position: bigint }[] = [];
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target: new MemoryReadModelTarget(),
      projections: [balances()],
      batchSize: 2,
      metrics: { batchCommitted: ({ events, position }) => void batches.push({ events, position }) },
    });
    await runner.catchUp();
    expect(batches).toEqual([
      { events: 2, position: 1n },
      { events: 2, position: 3n },
      { events: 1, position: 4n },
    ]);
  });

  it('filters at the store by the handled event types; other types never reach a projection', async () => {
    const { store: inner, checkpoints } = memory();
    await inner.append('support-1', [Noted.create({ text: 'hello' })]);
    await seed(inner, 1, 1);
    const { store, reads } = spying(inner);
    const seen: string[] = [];
    const types = defineProjection({
      name: 'types',
      version: 1,
      handlers: { 'loyalty.points.earned': (event) => void seen.push(event.type) },
    });
    await new ProjectionRunner({
      store,
      checkpoints,
      target: new MemoryReadModelTarget(),
      projections: [types],
    }).catchUp();
    expect(seen).toEqual(['loyalty.points.earned']);
    expect(reads[0]?.filter).toEqual({ eventTypes: ['loyalty.points.earned'] });
  });

  it('one read of the log feeds many projections, each from its own checkpoint', async () => {
    const { store: inner, checkpoints } = memory();
    await seed(inner, 3, 2);
    const target = new MemoryReadModelTarget();
    await new ProjectionRunner({ store: inner, checkpoints, target, projections: [balances()] }).catchUp();
    const earned: bigint[] = [];
    const counter = defineProjection({
      name: 'earn-log',
      version: 1,
      events: AccountEvents,
      handlers: { 'loyalty.points.earned': (event) => void earned.push(event.position) },
    });
    const { store, reads } = spying(inner);
    await store.append('loyaltyAccount-a-0', [
      PointsEarned.create({ accountId: 'a-0', points: 1, reason: 'x' }),
    ]);
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances(), counter],
      batchSize: 100,
    });
    await runner.catchUp();
    // The new projection starts at 0 while the other resumes at 9: one read from 0 serves both.
    expect(reads.map((r) => r.from)).toEqual([0n]);
    expect(reads[0]?.filter?.eventTypes).toEqual(expect.arrayContaining([Enrolled.type, PointsEarned.type]));
    expect(earned).toEqual([1n, 2n, 4n, 5n, 7n, 8n, 9n]);
    expect(await target.documents<Account>('account-balances', 'accounts').get('a-0')).toMatchObject({
      balance: 4,
    });
    expect(runner.status().map((s) => [s.name, s.position])).toEqual([
      ['account-balances', 9n],
      ['earn-log', 9n],
    ]);
  });

  it('decodes older schema versions through the projection’s event set (upcasting)', async () => {
    const { store, checkpoints } = memory();
    await store.append('loyaltyAccount-old', [
      Enrolled.create({ accountId: 'old', programId: 'p' }),
      { type: PointsEarned.type, schemaVersion: 1, data: { accountId: 'old', points: 5 } },
    ]);
    const target = new MemoryReadModelTarget();
    await new ProjectionRunner({ store, checkpoints, target, projections: [balances()] }).catchUp();
    expect(await target.documents<Account>('account-balances', 'accounts').get('old')).toEqual({
      balance: 5,
      earned: 1,
      reasons: ['unknown'],
    });
  });

  it('documents support find by predicate, delete, and reads see only committed batches', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 4, 1);
    await store.append('loyaltyAccount-a-3', [
      { type: 'loyalty.account.closed', data: { accountId: 'a-3' } },
    ]);
    const target = new MemoryReadModelTarget();
    const closing = defineProjection({
      name: 'open-accounts',
      version: 1,
      handlers: {
        'loyalty.customer.enrolled': (event, { documents }) =>
          documents<{ id: string }>('open').set((event.data as { accountId: string }).accountId, {
            id: (event.data as { accountId: string }).accountId,
          }),
        'loyalty.account.closed': (event, { documents }) =>
          documents('open').delete((event.data as { accountId: string }).accountId),
      },
    });
    await new ProjectionRunner({ store, checkpoints, target, projections: [closing] }).catchUp();
    const open = target.documents<{ id: string }>('open-accounts', 'open');
    expect((await open.find(() => true)).map((d) => d.id).sort()).toEqual(['a-0', 'a-1', 'a-2']);
    expect(await open.find((_doc, id) => id === 'a-1')).toEqual([{ id: 'a-1' }]);
    expect(await open.get('a-3')).toBeUndefined();
  });

  it('rejects options that cannot work, naming the problem', () => {
    const { store, checkpoints } = memory();
    const target = new MemoryReadModelTarget();
    expect(() => new ProjectionRunner({ store, target, projections: [balances()] })).toThrow(
      ProjectionConfigError,
    );
    expect(
      () => new ProjectionRunner({ store, checkpoints, target, projections: [balances()], batchSize: 0 }),
    ).toThrow(/batchSize/);
    expect(
      () => new ProjectionRunner({ store, checkpoints, target, projections: [balances(), balances()] }),
    ).toThrow(/given twice/);
  });
});
