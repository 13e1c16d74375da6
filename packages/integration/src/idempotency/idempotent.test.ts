import { describe, expect, it } from 'vitest';
import { IdempotencyKeyBusyError } from '../errors/integration-errors.js';
import { deferred } from '../test-support/fixtures.js';
import { idempotent } from './idempotent.js';
import { MemoryIdempotencyStore } from './memory-idempotency-store.js';

type Msg = { idempotencyKey: string; n: number };

describe('idempotent', () => {
  it('processes a key once, skips repeats, and runs again after a failure released the key', async () => {
    const seen: number[] = [];
    let fail = true;
    const handler = idempotent<Msg>(
      (m) => {
        if (m.n === 2 && fail) {
          fail = false;
          throw new Error('transient');
        }
        seen.push(m.n);
      },
      { store: new MemoryIdempotencyStore(), scope: 'points' },
    );
    await handler({ idempotencyKey: 'k1', n: 1 });
    await handler({ idempotencyKey: 'k1', n: 1 });
    await expect(handler({ idempotencyKey: 'k2', n: 2 })).rejects.toThrow('transient');
    await handler({ idempotencyKey: 'k2', n: 2 });
    await handler({ idempotencyKey: 'k2', n: 2 });
    expect(seen).toEqual([1, 2]);
  });

  it('rejects a concurrent duplicate as busy, and forgets keys after their expiry', async () => {
    let now = new Date('2024-01-01T00:00:00Z').getTime();
    const store = new MemoryIdempotencyStore({ clock: { now: () => new Date(now) } });
    const gate = deferred();
    let runs = 0;
    const handler = idempotent<Msg>(
      async () => {
        runs++;
        await gate.promise;
      },
      { store, ttlMs: 1000, lockMs: 500 },
    );
    const first = handler({ idempotencyKey: 'k', n: 1 });
    await expect(handler({ idempotencyKey: 'k', n: 1 })).rejects.toBeInstanceOf(IdempotencyKeyBusyError);
    gate.resolve();
    await first;
    now += 999;
    await handler({ idempotencyKey: 'k', n: 1 });
    expect(runs).toBe(1);
    now += 2;
    await handler({ idempotencyKey: 'k', n: 1 });
    expect(runs).toBe(2);
  });

  it('lets another consumer take over a key whose holder crashed, once the lock runs out', async () => {
    let now = 0;
    const store = new MemoryIdempotencyStore({ clock: { now: () => new Date(now) } });
    expect(await store.claim('k', 100)).toBe('claimed');
    expect(await store.claim('k', 100)).toBe('busy');
    now = 101;
    expect(await store.claim('k', 100)).toBe('claimed');
  });
});
