import type { Lease } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { SagaOrchestrator } from '../orchestrator/saga-orchestrator.js';
import type { SagaHooks } from '../definition/saga-types.js';
import { OrderPlaced, ShippingSlotBooked } from './events.js';
import { Harness, type MakeBackend } from './harness.js';

const order = (orderId: string) => OrderPlaced.create({ orderId, items: ['book'], amount: 12 });
const slot = (orderId: string) => ShippingSlotBooked.create({ orderId, slot: 'mon-am' });

/**
 * Lease timing is real time (the keeper renews on timers): short, so the file stays fast, yet
 * long enough that a loaded machine still renews in time (PGlite queries queue behind sagas').
 */
export interface TakeoverTiming {
  readonly ttlMs: number;
  readonly renewMs: number;
  /** Extra time allowed for a takeover on a slow backend, beyond one TTL and a few periods. */
  readonly slackMs: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await wait(5);
  }
  return Date.now() - started;
}

/** A crash: the process stops renewing and never releases. */
function crashOnStop(lease: Lease): Lease {
  return {
    acquire: (name, owner, ttl) => lease.acquire(name, owner, ttl),
    renew: (name, owner, ttl) => lease.renew(name, owner, ttl),
    release: () => Promise.resolve(),
  };
}

/** Counts the step attempts each orchestrator makes. */
function counting(): { hooks: SagaHooks; attempts: string[] } {
  const attempts: string[] = [];
  return { attempts, hooks: { onStepAttempt: (e) => attempts.push(`${e.sagaId} ${e.step}`) } };
}

/** One active orchestrator per store and name; a standby takes over within the lease's TTL. */
export function describeSagaTakeover(
  label: string,
  make: MakeBackend,
  makeLease: () => Lease,
  timing: TakeoverTiming = { ttlMs: 400, renewMs: 50, slackMs: 0 },
): void {
  const { ttlMs: TTL_MS, renewMs: RENEW_MS, slackMs } = timing;
  describe(`saga orchestrator takeover on ${label}`, () => {
    let h: Harness;
    afterEach(async () => {
      await h.dispose();
      expect(h.errors).toEqual([]);
    });

    const pair = (lease: Lease, leaseOfA: Lease = lease) => {
      const a = counting();
      const b = counting();
      const options = { leaseTtlMs: TTL_MS, leaseRenewEveryMs: RENEW_MS };
      const first: SagaOrchestrator = h.orchestrator({
        ...options,
        lease: leaseOfA,
        owner: 'a',
        hooks: a.hooks,
      });
      const second: SagaOrchestrator = h.orchestrator({ ...options, lease, owner: 'b', hooks: b.hooks });
      return { first, second, a, b };
    };

    it('only the holder runs sagas; the other stands by', async () => {
      h = await Harness.create(make);
      const { first, second, a, b } = pair(makeLease());
      await first.start();
      await second.start();
      expect([first.state, second.state]).toEqual(['active', 'standby']);
      for (const id of ['t1', 't2', 't3']) await h.store.append(`order-${id}`, [order(id)]);
      await first.idle();
      await wait(RENEW_MS * 3); // the standby asks a few times meanwhile, and is refused
      expect(second.state).toBe('standby');
      expect(a.attempts.sort()).toEqual([
        't1 charge-payment',
        't1 reserve-stock',
        't2 charge-payment',
        't2 reserve-stock',
        't3 charge-payment',
        't3 reserve-stock',
      ]);
      expect(b.attempts).toEqual([]);
      expect(h.services.calls.filter((c) => c.kind === 'run')).toHaveLength(6);
    });

    it('a standby takes over within the TTL when the holder stops renewing, and resumes its sagas', async () => {
      h = await Harness.create(make);
      const lease = makeLease();
      const { first, second, b } = pair(lease, crashOnStop(lease));
      await first.start();
      await second.start();
      await h.store.append('order-t4', [order('t4')]);
      await first.idle();
      expect((await first.get('place-order', 't4'))?.status).toBe('waiting');
      await first.stop(); // crashes: the lease is neither renewed nor released
      const tookMs = await until(() => second.state === 'active', TTL_MS * 3);
      // Not before the lease lapsed (less one renewal period of slack), and within TTL + one period.
      expect(tookMs).toBeGreaterThanOrEqual(TTL_MS - RENEW_MS * 2);
      expect(tookMs).toBeLessThanOrEqual(TTL_MS + RENEW_MS * 6 + slackMs);
      // The new holder picks up the waiting saga and the events that arrive from now on.
      await h.store.append('shipping-t4', [slot('t4')]);
      await until(() => b.attempts.includes('t4 confirm-order'), 5_000);
      await second.idle();
      expect((await second.get('place-order', 't4'))?.status).toBe('completed');
      expect(h.services.of('t4', 'run').map((c) => c.step)).toEqual([
        'reserve-stock',
        'charge-payment',
        'confirm-order',
      ]);
      await h.store.append('order-t5', [order('t5')]);
      await second.idle();
      expect(b.attempts).toContain('t5 charge-payment');
    });

    it('a holder that stops gracefully releases the lease: the standby takes over at once', async () => {
      h = await Harness.create(make);
      const { first, second } = pair(makeLease());
      await first.start();
      await second.start();
      await first.stop();
      expect(first.state).toBe('stopped');
      const tookMs = await until(() => second.state === 'active', TTL_MS * 3);
      expect(tookMs).toBeLessThan(TTL_MS - RENEW_MS);
    });

    it('a holder whose renewal fails steps down and stops running sagas', async () => {
      h = await Harness.create(make);
      const lease = makeLease();
      let reachable = true;
      const unreachable = () => Promise.reject(new Error('lease store unreachable'));
      const flaky: Lease = {
        acquire: (name, owner, ttl) => (reachable ? lease.acquire(name, owner, ttl) : unreachable()),
        renew: (name, owner, ttl) => (reachable ? lease.renew(name, owner, ttl) : unreachable()),
        release: (name, owner) => lease.release(name, owner),
      };
      const { first, second, a } = pair(lease, flaky);
      await first.start();
      await second.start();
      reachable = false;
      await until(() => first.state === 'standby', TTL_MS);
      expect(h.errors.map((e) => (e as Error).message)).toContain('lease store unreachable');
      await until(() => second.state === 'active', TTL_MS * 3);
      await h.store.append('order-t6', [order('t6')]);
      await second.idle();
      expect((await second.get('place-order', 't6'))?.status).toBe('waiting');
      expect(a.attempts).toEqual([]);
      // The stepped-down one keeps asking but the new holder renews, so it stays a standby.
      reachable = true;
      await wait(RENEW_MS * 3);
      expect([first.state, second.state]).toEqual(['standby', 'active']);
      h.errors.length = 0;
    });
  });
}
