import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidStreamIdError } from '../errors/store-errors.js';
import { LoyaltyAccount } from '../fixtures/loyalty-account.js';
import { MemorySnapshotStore } from '../snapshots/memory-snapshot-store.js';
import { Repository } from '../repository/repository.js';
import { toArray } from '../store/async-iterables.js';
import { MemoryEventStore } from '../store/memory-event-store.js';
import { forTenant } from './for-tenant.js';

const ev = (n: number) => ({ type: 'test.happened', data: { n } });

describe('forTenant', () => {
  it('stamps tenantId on every append, keeps the category, and reads back under the caller’s names', async () => {
    const store = new MemoryEventStore();
    const acme = forTenant(store, 'acme');
    await acme.append('order-1', [{ ...ev(1), metadata: { tenantId: 'evil', userId: 'u' } }]);
    const [raw] = await toArray(store.readAll());
    expect(raw!.streamId).toBe('order-acme~1');
    expect(raw!.metadata).toEqual({ tenantId: 'acme', userId: 'u' });
    const [seen] = await toArray(acme.readStream('order-1'));
    expect(seen!.streamId).toBe('order-1');
    expect(await toArray(acme.readAll({ filter: { category: 'order' } }))).toHaveLength(1);
  });

  it('property: whatever ids two tenants use, neither reads nor overwrites the other’s streams', async () => {
    const streamId = fc
      .tuple(fc.constantFrom('order', 'cart'), fc.string({ minLength: 1, maxLength: 8 }))
      .map(([category, id]) => `${category}-${id}`);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.boolean(), streamId), { minLength: 1, maxLength: 20 }),
        async (writes) => {
          const store = new MemoryEventStore();
          const tenants = { a: forTenant(store, 'a'), b: forTenant(store, 'b-x') };
          const written = { a: new Map<string, number>(), b: new Map<string, number>() };
          let n = 0;
          for (const [isA, id] of writes) {
            const key = isA ? 'a' : 'b';
            const count = written[key].get(id) ?? 0;
            // Expecting the tenant's own revision must always succeed: the other tenant's writes are invisible.
            await tenants[key].append(id, [ev(n++)], {
              expectedRevision: count === 0 ? 'no_stream' : BigInt(count - 1),
            });
            written[key].set(id, count + 1);
          }
          for (const key of ['a', 'b'] as const) {
            const all = await toArray(tenants[key].readAll());
            expect(all.every((e) => e.metadata.tenantId === (key === 'a' ? 'a' : 'b-x'))).toBe(true);
            expect(all).toHaveLength([...written[key].values()].reduce((s, c) => s + c, 0));
            for (const [id, count] of written[key])
              expect(await toArray(tenants[key].readStream(id))).toHaveLength(count);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('subscribes to the tenant’s events only', async () => {
    const store = new MemoryEventStore();
    const a = forTenant(store, 'a');
    const b = forTenant(store, 'b');
    await b.append('order-1', [ev(0)]);
    await a.append('order-1', [ev(1)]);
    const subscription = a.subscribe();
    const seen: unknown[] = [];
    for await (const event of subscription) {
      seen.push(event.data);
      if (seen.length === 2) await subscription.stop();
      else {
        await b.append('order-2', [ev(2)]);
        await a.append('order-2', [ev(3)]);
      }
    }
    expect(seen).toEqual([{ n: 1 }, { n: 3 }]);
  });

  it('keeps repositories and snapshots apart per tenant', async () => {
    const store = new MemoryEventStore();
    const snapshots = new MemorySnapshotStore();
    const forA = new Repository(forTenant(store, 'a'), LoyaltyAccount, { snapshots, snapshotEvery: 1 });
    const forB = new Repository(forTenant(store, 'b'), LoyaltyAccount, { snapshots, snapshotEvery: 1 });
    const account = forA.create('x');
    account.enrol('gold');
    account.earn(50, 'a only');
    await forA.save(account);
    expect(await forB.find('x')).toBeUndefined();
    const mine = forB.create('x');
    mine.enrol('silver');
    await forB.save(mine);
    expect((await forB.load('x')).state.balance).toBe(0);
    expect((await forA.load('x')).state.balance).toBe(50);
  });

  it('rejects tenant ids with the separator and stream ids without a category', async () => {
    expect(() => forTenant(new MemoryEventStore(), 'a~b')).toThrow(InvalidStreamIdError);
    await expect(forTenant(new MemoryEventStore(), 'a').append('nocategory', [ev(1)])).rejects.toBeInstanceOf(
      InvalidStreamIdError,
    );
  });

  it('applies maxCount after its own filter', async () => {
    const store = new MemoryEventStore();
    const a = forTenant(store, 'a');
    await forTenant(store, 'b').append('order-1', [ev(0), ev(1)]);
    await a.append('order-1', [ev(2), ev(3), ev(4)]);
    expect((await toArray(a.readAll({ maxCount: 2 }))).map((e) => e.data)).toEqual([{ n: 2 }, { n: 3 }]);
  });
});
