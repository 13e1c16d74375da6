import { MemoryCheckpointStore } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { MemoryReadModelTarget } from '../target/memory-read-model-target.js';
import { checkpointName } from '../target/read-model-target.js';
import { balances, memory, PointsEarned, seed, type Account } from '../test-support/loyalty.js';
import type { RebuildProgress } from './progress.js';
import { ProjectionRunner } from './projection-runner.js';

/** Checkpoints that fail (like a crash) on save number `crashAt`, once. */
class CrashingCheckpoints extends MemoryCheckpointStore {
  saves = 0;
  constructor(readonly crashAt: number) {
    super();
  }
  override async save(name: string, position: bigint): Promise<void> {
    if (++this.saves === this.crashAt) throw new Error('process killed');
    return super.save(name, position);
  }
}

describe('ProjectionRunner: rebuilds (blue/green)', () => {
  it('a bumped version builds beside the active one, which serves reads until the switch', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 3, 4);
    const target = new MemoryReadModelTarget();
    await new ProjectionRunner({ store, checkpoints, target, projections: [balances(1)] }).catchUp();
    const accounts = target.documents<Account>('account-balances', 'accounts');
    expect(await accounts.get('a-2')).toMatchObject({ balance: 10 });

    const servedDuring: (number | undefined)[] = [];
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances(2)],
      batchSize: 4,
      metrics: { batchCommitted: () => void accounts.get('a-2').then((a) => servedDuring.push(a?.balance)) },
    });
    expect(runner.status()).toEqual([]);
    await runner.catchUp();
    await Promise.resolve();
    // Every read during the build saw the whole v1 model; after it, v2 (points counted twice).
    expect(servedDuring.length).toBeGreaterThan(2);
    expect(servedDuring.slice(0, -1).every((balance) => balance === 10)).toBe(true);
    expect(await accounts.get('a-2')).toMatchObject({ balance: 20 });
    expect(await target.builds('account-balances')).toEqual([
      { name: 'account-balances', version: 2, generation: 0, state: 'active' },
    ]);
    expect(
      await checkpoints.load(checkpointName({ name: 'account-balances', version: 1, generation: 0 })),
    ).toBeUndefined();
    expect(runner.status()).toMatchObject([{ version: 2, role: 'active', position: 14n }]);
  });

  it('rebuild() reports progress and switches to a new generation atomically', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 5, 3); // 20 events
    const target = new MemoryReadModelTarget();
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances()],
      batchSize: 6,
    });
    await runner.catchUp();
    const progress: RebuildProgress[] = [];
    const final = await runner.rebuild('account-balances', { onProgress: (p) => void progress.push(p) });
    expect(progress.map((p) => p.processed)).toEqual([6, 12, 18, 20, 20]);
    expect(progress.every((p) => p.total === 20)).toBe(true);
    expect(final).toMatchObject({ processed: 20, total: 20, etaMs: 0 });
    expect(progress[0]?.eventsPerSecond).toBeGreaterThan(0);
    expect((await target.builds('account-balances')).map((b) => [b.generation, b.state])).toEqual([
      [1, 'active'],
    ]);
    expect(await target.documents<Account>('account-balances', 'accounts').get('a-4')).toMatchObject({
      balance: 6,
      earned: 3,
    });
    expect(runner.status()).toMatchObject([{ generation: 1, role: 'active', state: 'idle', position: 19n }]);
  });

  it('a rebuild interrupted by a crash resumes from its own checkpoint', async () => {
    const { store } = memory();
    await seed(store, 4, 4); // 20 events
    const checkpoints = new CrashingCheckpoints(4);
    const target = new MemoryReadModelTarget();
    await new ProjectionRunner({ store, checkpoints, target, projections: [balances(1)] }).catchUp();
    const crashing = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances(2)],
      batchSize: 5,
    });
    await expect(crashing.catchUp()).rejects.toThrow('process killed');
    // Still serving v1; v2 is a building build with its own checkpoint.
    expect((await target.builds('account-balances')).map((b) => [b.version, b.state])).toEqual([
      [1, 'active'],
      [2, 'building'],
    ]);
    const restarted = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [balances(2)],
      batchSize: 5,
    });
    expect(restarted.status()).toEqual([]);
    const progress: RebuildProgress[] = [];
    await restarted.rebuild('account-balances', { onProgress: (p) => void progress.push(p) });
    expect(progress[0]?.processed).toBe(15); // 10 already done before the crash, then one batch
    expect(await target.documents<Account>('account-balances', 'accounts').get('a-3')).toEqual({
      balance: 20,
      earned: 4,
      reasons: ['r0', 'r1', 'r2', 'r3'],
    });
    expect((await target.builds('account-balances')).map((b) => b.version)).toEqual([2]);
  });

  it('a runner with an older version than the active one runs nothing and says it is retired', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 1);
    const target = new MemoryReadModelTarget();
    await new ProjectionRunner({ store, checkpoints, target, projections: [balances(3)] }).catchUp();
    const old = new ProjectionRunner({ store, checkpoints, target, projections: [balances(2)] });
    await old.catchUp();
    expect(old.status()).toMatchObject([{ name: 'account-balances', version: 2, state: 'retired' }]);
    expect(await target.documents<Account>('account-balances', 'accounts').get('a-0')).toMatchObject({
      balance: 3,
    });
  });

  it('live: the old version keeps taking live updates while the new one builds, then reads switch', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 2, 2);
    const target = new MemoryReadModelTarget();
    await new ProjectionRunner({ store, checkpoints, target, projections: [balances(1)] }).catchUp();
    const accounts = target.documents<Account>('account-balances', 'accounts');
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const v2 = balances(2);
    // v2's handler waits on a gate, so v2 stays building while we append.
    const slowV2 = {
      ...v2,
      handle: async (...args: Parameters<typeof v2.handle>) => (await gate, v2.handle(...args)),
    };
    const runner = new ProjectionRunner({ store, checkpoints, target, projections: [balances(1), slowV2] });
    await runner.start();
    await store.append('loyaltyAccount-a-0', [
      PointsEarned.create({ accountId: 'a-0', points: 7, reason: 'live' }),
    ]);
    await expect.poll(async () => (await accounts.get('a-0'))?.balance).toBe(10);
    expect(runner.status().map((s) => [s.version, s.role])).toEqual([
      [1, 'active'],
      [2, 'building'],
    ]);
    release();
    await expect.poll(async () => (await accounts.get('a-0'))?.balance).toBe(20);
    await runner.stop();
    expect(runner.status()).toMatchObject([{ version: 2, role: 'active', state: 'stopped' }]);
  });
});
