import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AggregateNotFoundError } from '../errors/aggregate-not-found-error.js';
import { ConcurrencyError } from '../errors/concurrency-error.js';
import { DomainError } from '../errors/domain-error.js';
import { UnknownEventTypeError } from '../errors/unknown-event-type-error.js';
import { InvalidOptionError } from '../errors/store-errors.js';
import { LoyaltyAccount } from '../fixtures/loyalty-account.js';
import { seededRandom } from '../providers/random.js';
import { sequentialIds } from '../providers/ids.js';
import { MemorySnapshotStore } from '../snapshots/memory-snapshot-store.js';
import type { Snapshot } from '../snapshots/snapshot-store.js';
import { toArray } from '../store/async-iterables.js';
import type { EventStore, ReadStreamOptions } from '../store/event-store.js';
import { MemoryEventStore } from '../store/memory-event-store.js';
import { Repository } from './repository.js';

async function enrolled(repository: Repository<LoyaltyAccount>, id: string): Promise<void> {
  const account = repository.create(id);
  account.enrol('gold');
  await repository.save(account);
}

/** Counts readStream calls and the revision they start from. */
function countingStore(store: EventStore) {
  const reads: ReadStreamOptions[] = [];
  const wrapped: EventStore = {
    append: (...args) => store.append(...args),
    readStream: (streamId, options = {}) => {
      reads.push(options);
      return store.readStream(streamId, options);
    },
    readAll: (options) => store.readAll(options),
    subscribe: (options) => store.subscribe(options),
    close: () => store.close(),
  };
  return { store: wrapped, reads };
}

describe('Repository', () => {
  it('creates at version -1n, saves to <category>-<id>, loads it back', async () => {
    const store = new MemoryEventStore();
    const accounts = new Repository(store, LoyaltyAccount);
    const account = accounts.create('a-1');
    expect(account.version).toBe(-1n);
    account.enrol('gold');
    account.earn(10, 'signup');
    const saved = await accounts.save(account);
    expect(saved).toEqual({ version: 1n, position: 1n, appended: 2 });
    expect(account.uncommittedEvents).toEqual([]);
    const events = await toArray(store.readStream('loyaltyAccount-a-1'));
    expect(events.map((e) => e.type)).toEqual(['loyalty.customer.enrolled', 'loyalty.points.earned']);
    const again = await accounts.load('a-1');
    expect(again.state.balance).toBe(10);
    expect(again.version).toBe(1n);
  });

  it('load throws AggregateNotFoundError; find gives undefined', async () => {
    const accounts = new Repository(new MemoryEventStore(), LoyaltyAccount);
    await expect(accounts.load('nobody')).rejects.toBeInstanceOf(AggregateNotFoundError);
    await expect(accounts.load('nobody')).rejects.toMatchObject({ streamId: 'loyaltyAccount-nobody' });
    expect(await accounts.find('nobody')).toBeUndefined();
  });

  it('save of a new aggregate whose stream exists is a ConcurrencyError, never an overwrite', async () => {
    const accounts = new Repository(new MemoryEventStore(), LoyaltyAccount);
    await enrolled(accounts, 'a-1');
    const twin = accounts.create('a-1');
    twin.enrol('silver');
    await expect(accounts.save(twin)).rejects.toMatchObject({
      code: 'CONCURRENCY',
      expectedRevision: 'no_stream',
      actualRevision: 0n,
    });
  });

  it('save with nothing raised appends nothing', async () => {
    const store = new MemoryEventStore();
    const accounts = new Repository(store, LoyaltyAccount);
    expect(await accounts.save(accounts.create('a-1'))).toEqual({
      version: -1n,
      position: undefined,
      appended: 0,
    });
    expect(await toArray(store.readAll())).toEqual([]);
  });

  it('stamps save metadata onto every event; the event’s own metadata wins', async () => {
    const store = new MemoryEventStore();
    const accounts = new Repository(store, LoyaltyAccount);
    const account = accounts.create('a-1');
    account.enrol('gold');
    await accounts.save(account, { metadata: { correlationId: 'c-1', userId: 'u-1', tenantId: 't' } });
    const [event] = await toArray(store.readStream('loyaltyAccount-a-1'));
    expect(event!.metadata).toEqual({ correlationId: 'c-1', userId: 'u-1', tenantId: 't' });
  });

  it('a retried save after an unknown outcome reuses its event ids, so it is idempotent', async () => {
    const inner = new MemoryEventStore();
    let failAfterWrite = true;
    const flaky: EventStore = {
      ...countingStore(inner).store,
      append: async (...args) => {
        const result = await inner.append(...args);
        if (failAfterWrite) {
          failAfterWrite = false;
          throw new Error('connection lost after commit');
        }
        return result;
      },
    };
    const accounts = new Repository(flaky, LoyaltyAccount, { ids: sequentialIds() });
    const account = accounts.create('a-1');
    account.enrol('gold');
    await expect(accounts.save(account)).rejects.toThrow('connection lost');
    await accounts.save(account);
    expect(await toArray(inner.readStream('loyaltyAccount-a-1'))).toHaveLength(1);
  });

  it('update reruns on conflict up to retries, and never retries a DomainError', async () => {
    const accounts = new Repository(new MemoryEventStore(), LoyaltyAccount);
    await enrolled(accounts, 'a-1');
    let runs = 0;
    await expect(
      accounts.update(
        'a-1',
        (a) => {
          runs++;
          a.redeem(5);
        },
        { retries: 5 },
      ),
    ).rejects.toBeInstanceOf(DomainError);
    expect(runs).toBe(1);

    // A writer that always gets in first: the update gives up after `retries` reruns.
    let calls = 0;
    await expect(
      accounts.update(
        'a-1',
        async (a) => {
          calls++;
          a.earn(1, 'mine');
          await accounts.update('a-1', (b) => b.earn(1, 'theirs'));
        },
        { retries: 2 },
      ),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(calls).toBe(3);
  });

  it('update returns the function’s result and the saved aggregate', async () => {
    const accounts = new Repository(new MemoryEventStore(), LoyaltyAccount);
    await enrolled(accounts, 'a-1');
    const { result, aggregate, version } = await accounts.update('a-1', (a) => {
      a.earn(7, 'x');
      return a.state.balance;
    });
    expect(result).toBe(7);
    expect(aggregate.state.balance).toBe(7);
    expect(version).toBe(1n);
  });

  it('10 concurrent updates of one account all land: none lost, none doubled', async () => {
    const store = new MemoryEventStore();
    const accounts = new Repository(store, LoyaltyAccount, { random: seededRandom(1) });
    await enrolled(accounts, 'a-1');
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        accounts.update('a-1', (a) => a.earn(i + 1, `u${i}`), { retries: 50 }),
      ),
    );
    const account = await accounts.load('a-1');
    expect(account.state.balance).toBe(55);
    const reasons = (await toArray(store.readStream('loyaltyAccount-a-1')))
      .slice(1)
      .map((e) => (e.data as { reason: string }).reason);
    expect(reasons.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `u${i}`).sort());
  });

  it('property: no update lost under random concurrent interleavings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ points: fc.integer({ min: 1, max: 100 }), delay: fc.nat({ max: 3 }) }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.integer(),
        async (updates, seed) => {
          const accounts = new Repository(new MemoryEventStore(), LoyaltyAccount, {
            random: seededRandom(seed),
          });
          await enrolled(accounts, 'a-1');
          await Promise.all(
            updates.map(({ points, delay }) =>
              accounts.update(
                'a-1',
                async (a) => {
                  for (let i = 0; i < delay; i++) await Promise.resolve();
                  a.earn(points, 'p');
                },
                { retries: 100 },
              ),
            ),
          );
          const account = await accounts.load('a-1');
          expect(account.state.balance).toBe(updates.reduce((sum, u) => sum + u.points, 0));
          expect(account.version).toBe(BigInt(updates.length));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('snapshots every N events and loads from the snapshot, reading only what came after', async () => {
    const counting = countingStore(new MemoryEventStore());
    const snapshots = new MemorySnapshotStore();
    const accounts = new Repository(counting.store, LoyaltyAccount, { snapshotEvery: 3, snapshots });
    await enrolled(accounts, 'a-1');
    for (let i = 0; i < 4; i++) await accounts.update('a-1', (a) => a.earn(1, 'x'));
    const snapshot = await snapshots.load('loyaltyAccount-a-1');
    expect(snapshot).toMatchObject({ version: 2n, schemaVersion: 1, state: { balance: 2 } });
    counting.reads.length = 0;
    const account = await accounts.load('a-1');
    expect(account.state.balance).toBe(4);
    expect(account.version).toBe(4n);
    expect(counting.reads).toEqual([{ from: 3n }]);
  });

  it('ignores a snapshot of another schema version and replays from the start', async () => {
    const store = new MemoryEventStore();
    const snapshots = new MemorySnapshotStore();
    const accounts = new Repository(store, LoyaltyAccount, { snapshots });
    await enrolled(accounts, 'a-1');
    const stale: Snapshot = {
      streamId: 'loyaltyAccount-a-1',
      version: 0n,
      schemaVersion: 99,
      state: { enrolled: true, balance: 1e9, history: [] },
      takenAt: new Date(),
    };
    await snapshots.save(stale);
    const account = await accounts.load('a-1');
    expect(account.state.balance).toBe(0);
  });

  it('a failing snapshot store does not fail the save, and is reported', async () => {
    const errors: unknown[] = [];
    const broken = new MemorySnapshotStore();
    broken.save = () => Promise.reject(new Error('disk full'));
    const accounts = new Repository(new MemoryEventStore(), LoyaltyAccount, {
      snapshotEvery: 1,
      snapshots: broken,
      onSnapshotError: (error) => errors.push(error),
    });
    await enrolled(accounts, 'a-1');
    expect(errors).toHaveLength(1);
    expect((await accounts.load('a-1')).version).toBe(0n);
  });

  it('loads v1 events through the upcaster; unknown types fail unless skipped', async () => {
    const store = new MemoryEventStore();
    await store.append('loyaltyAccount-a-1', [
      { type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'p' } },
      { type: 'loyalty.points.earned', data: { accountId: 'a-1', points: 3 }, schemaVersion: 1 },
      { type: 'loyalty.points.expired', data: {} },
    ]);
    await expect(new Repository(store, LoyaltyAccount).load('a-1')).rejects.toBeInstanceOf(
      UnknownEventTypeError,
    );
    const account = await new Repository(store, LoyaltyAccount, { skipUnknown: true }).load('a-1');
    expect(account.state.balance).toBe(3);
    expect(account.version).toBe(2n);
  });

  it('rejects a bad snapshotEvery', () => {
    expect(() => new Repository(new MemoryEventStore(), LoyaltyAccount, { snapshotEvery: 0 })).toThrow(
      InvalidOptionError,
    );
  });

  it('warns when a snapshot cannot be written and no handler was given', async () => {
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const broken = new MemorySnapshotStore();
      broken.save = () => Promise.reject(new Error('disk full'));
      const accounts = new Repository(new MemoryEventStore(), LoyaltyAccount, {
        snapshotEvery: 1,
        snapshots: broken,
      });
      await enrolled(accounts, 'a-1');
      await new Promise((resolve) => setImmediate(resolve));
      expect(
        warnings.some((w) =>
          w.includes("snapshot of 'loyaltyAccount-a-1' was not written: Error: disk full"),
        ),
      ).toBe(true);
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('gives events raised after a failed save their own ids, and keeps the earlier ones', async () => {
    const inner = new MemoryEventStore();
    const attempts: (string | undefined)[][] = [];
    const capturing: EventStore = {
      ...countingStore(inner).store,
      append: (streamId, events, options) => {
        attempts.push(events.map((e) => e.eventId));
        return inner.append(streamId, events, options);
      },
    };
    const accounts = new Repository(capturing, LoyaltyAccount, { ids: sequentialIds() });
    await enrolled(accounts, 'a-1');
    const stale = await accounts.load('a-1');
    await accounts.update('a-1', (a) => a.earn(1, 'first'));
    stale.earn(2, 'second');
    await expect(accounts.save(stale)).rejects.toBeInstanceOf(ConcurrencyError);
    stale.earn(3, 'third');
    await expect(accounts.save(stale)).rejects.toBeInstanceOf(ConcurrencyError);
    const [, , firstTry, secondTry] = attempts;
    expect(secondTry).toHaveLength(2);
    expect(secondTry![0]).toBe(firstTry![0]);
    expect(secondTry![1]).toEqual(expect.any(String));
    expect(new Set(attempts.flat()).size).toBe(4);
  });
});
