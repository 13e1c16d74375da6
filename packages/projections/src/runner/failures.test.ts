import { DomainError, NonRetryableError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/define-projection.js';
import { DeadLetterNotFoundError, ProjectionHandlerError } from '../errors/projection-errors.js';
import { MemoryReadModelTarget } from '../target/memory-read-model-target.js';
import {
  AccountEvents,
  balances,
  instantSleep,
  memory,
  PointsEarned,
  seed,
  type Account,
} from '../test-support/loyalty.js';
import { ProjectionRunner } from './projection-runner.js';

/** Fails on earn events whose points are in `bad` while `failing.on` is set. */
function flaky(
  failing: { on: boolean; calls: number },
  bad: number[],
  onError: 'dead-letter' | 'stop',
  maxAttempts = 3,
  error: (message: string) => unknown = (message) => new Error(message),
) {
  return defineProjection({
    name: 'flaky',
    version: 1,
    onError,
    retry: { maxAttempts, initialDelayMs: 100, maxDelayMs: 1_000 },
    events: AccountEvents,
    handlers: {
      'loyalty.points.earned': async (event, { documents }) => {
        failing.calls++;
        await documents<{ points: number }>('earns').set(String(event.position), {
          points: event.data.points,
        });
        if (failing.on && bad.includes(event.data.points))
          throw error(`cannot take ${event.data.points} points`);
      },
    },
  });
}

describe('ProjectionRunner: failures', () => {
  it('a handler that throws a DomainError or a non-retryable error is not retried: onError decides at once', async () => {
    for (const error of [
      (message: string) => new DomainError('REFUSED', message),
      (message: string) => new NonRetryableError(message),
    ]) {
      const { store, checkpoints } = memory();
      await seed(store, 1, 3);
      const failing = { on: true, calls: 0 };
      const { sleep, delays } = instantSleep();
      const target = new MemoryReadModelTarget();
      const runner = new ProjectionRunner({
        store,
        checkpoints,
        target,
        projections: [flaky(failing, [2], 'dead-letter', 5, error)],
        sleep,
      });
      await runner.catchUp();
      expect(delays).toEqual([]);
      const [letter] = await target.deadLetters('flaky');
      expect(letter).toMatchObject({ attempts: 1 });
      expect(runner.status()[0]).toMatchObject({ position: 3n, deadLetters: 1 });
    }
  });

  it('retries a throwing handler with backoff and applies the event once when it recovers', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 3); // earns of 1, 2, 3 points
    const failing = { on: true, calls: 0 };
    const { sleep, delays } = instantSleep();
    const target = new MemoryReadModelTarget();
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [flaky(failing, [2], 'dead-letter', 5)],
      random: () => 0.5,
      sleep: async (ms) => {
        await sleep(ms);
        if (delays.length === 2) failing.on = false; // recovers before the third attempt
      },
    });
    await runner.catchUp();
    // Core's backoffDelay, full jitter: half of 100 · 2^0, then half of 100 · 2^1.
    expect(delays).toEqual([50, 100]);
    expect(await target.documents('flaky', 'earns').count()).toBe(3);
    expect(runner.status()[0]).toMatchObject({ position: 3n, deadLetters: 0, state: 'idle' });
  });

  it('a failed batch is rolled back: the failing event’s own writes never show, the others land once', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 4);
    const failing = { on: true, calls: 0 };
    const target = new MemoryReadModelTarget();
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [flaky(failing, [3], 'stop', 1)],
    });
    await runner.catchUp();
    const earns = target.documents<{ points: number }>('flaky', 'earns');
    expect((await earns.find(() => true)).map((d) => d.points).sort()).toEqual([1, 2]);
    // Stopped before the failing event (position 3): its write was rolled back.
    expect(runner.status()[0]).toMatchObject({ state: 'failed', position: 2n });
  });

  it('dead-letters after the retries with the error, goes on, and counts it in status', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 3);
    const failing = { on: true, calls: 0 };
    const { sleep, delays } = instantSleep();
    const target = new MemoryReadModelTarget();
    const deadLettered: bigint[] = [];
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [flaky(failing, [2], 'dead-letter', 3)],
      sleep,
      random: () => 0.5,
      metrics: { deadLettered: ({ position }) => void deadLettered.push(position) },
    });
    await runner.catchUp();
    expect(delays).toEqual([50, 100]); // full jitter at 0.5: half of 100, then of 200
    expect(deadLettered).toEqual([2n]);
    const [letter] = await runner.deadLetters('flaky');
    expect(letter).toMatchObject({
      projection: 'flaky',
      version: 1,
      attempts: 3,
      event: { type: PointsEarned.type, position: 2n, data: { points: 2 } },
      error: { name: 'Error', message: 'cannot take 2 points' },
    });
    expect(runner.status()[0]).toMatchObject({ position: 3n, deadLetters: 1, state: 'idle' });
    expect(
      (await target.documents<{ points: number }>('flaky', 'earns').find(() => true)).map((d) => d.points),
    ).toEqual([1, 3]);
  });

  it('a dead letter is retried through the API (removed when it succeeds) or discarded', async () => {
    const { store, checkpoints } = memory();
    await seed(store, 1, 3);
    const failing = { on: true, calls: 0 };
    const target = new MemoryReadModelTarget();
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [flaky(failing, [2, 3], 'dead-letter', 1)],
    });
    await runner.catchUp();
    const [two, three] = await runner.deadLetters();
    await expect(runner.retryDeadLetter(two!.id)).rejects.toBeInstanceOf(ProjectionHandlerError);
    expect(await runner.deadLetters()).toHaveLength(2);
    failing.on = false;
    await runner.retryDeadLetter(two!.id);
    await runner.discardDeadLetter(three!.id);
    expect(await runner.deadLetters()).toEqual([]);
    expect(runner.status()[0]?.deadLetters).toBe(0);
    expect(
      (await target.documents<{ points: number }>('flaky', 'earns').find(() => true))
        .map((d) => d.points)
        .sort(),
    ).toEqual([1, 2]);
    await expect(runner.discardDeadLetter(three!.id)).rejects.toBeInstanceOf(DeadLetterNotFoundError);
  });

  it("'stop' fails only that projection, with the error; the others go on; resume continues from the failing event", async () => {
    const { store, checkpoints } = memory();
    await seed(store, 2, 2);
    const failing = { on: true, calls: 0 };
    const target = new MemoryReadModelTarget();
    const failed: string[] = [];
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target,
      projections: [flaky(failing, [2], 'stop', 2), balances()],
      sleep: instantSleep().sleep,
      metrics: { failed: (name) => void failed.push(name) },
    });
    await runner.catchUp();
    const [flakyStatus, balancesStatus] = runner.status();
    expect(flakyStatus).toMatchObject({ name: 'flaky', state: 'failed', position: 1n });
    expect(flakyStatus?.error).toBeInstanceOf(ProjectionHandlerError);
    expect(flakyStatus?.error).toMatchObject({ position: 2n, attempts: 2, eventType: PointsEarned.type });
    expect(balancesStatus).toMatchObject({ state: 'idle', position: 5n });
    expect(failed).toEqual(['flaky']);
    failing.on = false;
    await runner.resume('flaky');
    await runner.catchUp();
    expect(runner.status()[0]).toMatchObject({ state: 'idle', position: 5n });
    expect(await target.documents('flaky', 'earns').count()).toBe(4);
  });

  it('updating a missing document is a DocumentNotFoundError that dead-letters with its code', async () => {
    const { store, checkpoints } = memory();
    await store.append('loyaltyAccount-x', [
      PointsEarned.create({ accountId: 'x', points: 1, reason: 'orphan' }),
    ]);
    const runner = new ProjectionRunner({
      store,
      checkpoints,
      target: new MemoryReadModelTarget(),
      projections: [balances()],
      sleep: instantSleep().sleep,
    });
    await runner.catchUp();
    const [letter] = await runner.deadLetters();
    expect(letter?.error).toMatchObject({ name: 'DocumentNotFoundError', code: 'DOCUMENT_NOT_FOUND' });
    expect(runner.status()[0]).toMatchObject({ deadLetters: 1, position: 0n });
    const accounts: Account | undefined = await new MemoryReadModelTarget()
      .documents<Account>('x', 'y')
      .get('x');
    expect(accounts).toBeUndefined();
  });
});
