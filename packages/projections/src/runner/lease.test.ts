import { MemoryLease, type Clock, type Lease } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { MemoryReadModelTarget } from '../target/memory-read-model-target.js';
import { balances, memory, PointsEarned, seed, type Account } from '../test-support/loyalty.js';
import { ProjectionRunner } from './projection-runner.js';

function manualClock(): Clock & { advance(ms: number): void } {
  let t = Date.parse('2026-01-01T00:00:00Z');
  return { now: () => new Date(t), advance: (ms) => void (t += ms) };
}

describe('ProjectionRunner: leases', () => {
  it('one runner per build; a standby takes over when the lease lapses, and the stale one cannot commit', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 1);
    const clock = manualClock();
    const target = new MemoryReadModelTarget({ clock });
    const accounts = target.documents<Account>('account-balances', 'accounts');
    const make = (owner: string, renewEveryMs: number) =>
      new ProjectionRunner({
        store,
        checkpoints,
        target,
        clock,
        projections: [balances()],
        lease: { ttlMs: 1_000, renewEveryMs, owner },
      });
    // A renews only when its clock says so (never, here): it stands for a process that froze.
    const a = make('A', 60_000);
    const b = make('B', 5);
    await a.start();
    await b.start();
    expect(a.status()[0]?.state).toBe('live');
    expect(b.status()[0]?.state).toBe('standby');
    await store.append('loyaltyAccount-a-0', [
      PointsEarned.create({ accountId: 'a-0', points: 10, reason: 'x' }),
    ]);
    await expect.poll(async () => (await accounts.get('a-0'))?.balance).toBe(11);
    expect(b.status()[0]?.state).toBe('standby');

    clock.advance(5_000);
    await expect.poll(() => b.status()[0]?.state).toBe('live');
    await store.append('loyaltyAccount-a-0', [
      PointsEarned.create({ accountId: 'a-0', points: 100, reason: 'y' }),
    ]);
    await expect.poll(async () => (await accounts.get('a-0'))?.balance).toBe(111);
    // A woke up, tried to commit the same batch, and was fenced off: it is a standby now.
    await expect.poll(() => a.status()[0]?.state).toBe('standby');
    expect((await accounts.get('a-0'))?.earned).toBe(3);
    await a.stop();
    await b.stop();
  });

  it('stop() releases the lease so another runner takes over at once', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 1);
    const target = new MemoryReadModelTarget();
    const first = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances()],
      lease: { owner: 'first' },
    });
    await first.start();
    await first.stop();
    expect(first.status()[0]?.state).toBe('stopped');
    const second = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances()],
      lease: { owner: 'second' },
    });
    await second.start();
    expect(second.status()[0]).toMatchObject({ state: 'live', position: 1n });
    await second.stop();
  });

  it('accepts any Lease: a standby takes over, and a stale holder whose lease lapsed commits nothing', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 1);
    const clock = manualClock();
    const target = new MemoryReadModelTarget({ clock });
    const shared = new MemoryLease({ clock });
    const asked: string[] = [];
    // Any Lease: a wrapper that records who asks proves the runner uses this one, not the target's.
    const leases: Lease = {
      acquire: (name, owner, ttl) => (asked.push(`acquire ${owner}`), shared.acquire(name, owner, ttl)),
      renew: (name, owner, ttl) => (asked.push(`renew ${owner}`), shared.renew(name, owner, ttl)),
      release: (name, owner) => shared.release(name, owner),
    };
    const accounts = target.documents<Account>('account-balances', 'accounts');
    const make = (owner: string, renewEveryMs: number) =>
      new ProjectionRunner({
        store,
        checkpoints,
        target,
        clock,
        projections: [balances()],
        lease: { leases, ttlMs: 1_000, renewEveryMs, owner },
      });
    const a = make('A', 60_000);
    const b = make('B', 5);
    await a.start();
    await b.start();
    expect([a.status()[0]?.state, b.status()[0]?.state]).toEqual(['live', 'standby']);
    expect(asked).toEqual(expect.arrayContaining(['acquire A', 'acquire B']));

    clock.advance(5_000);
    await expect.poll(() => b.status()[0]?.state).toBe('live');
    await store.append('loyaltyAccount-a-0', [
      PointsEarned.create({ accountId: 'a-0', points: 100, reason: 'y' }),
    ]);
    await expect.poll(async () => (await accounts.get('a-0'))?.balance).toBe(101);
    // A's last renewal is older than the TTL: it does not commit, it becomes a standby.
    await expect.poll(() => a.status()[0]?.state).toBe('standby');
    expect((await accounts.get('a-0'))?.earned).toBe(2);
    await a.stop();
    await b.stop();
  });
});
