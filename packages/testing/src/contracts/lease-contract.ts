import type { Lease } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreContractOptions } from './checkpoint-store-contract.js';
import { newRunId } from './event-store/context.js';

export type MakeLease = () => Lease | Promise<Lease>;

export interface LeaseContractOptions extends StoreContractOptions<Lease> {
  /**
   * The short time-to-live the expiry tests use, in real milliseconds; the suite waits a little
   * longer than it. Default 150 (raise it for a slow remote database).
   */
  readonly shortTtlMs?: number;
}

const LONG_TTL_MS = 60_000;
const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Registers the vitest suite every `Lease` adapter must pass: one owner at a time, renew only
 * while held, release only by the holder, expiry after the time-to-live. Names are unique to the
 * run, so it can run against a shared server. Expiry is real time: the adapter keeps its own clock.
 */
export function describeLeaseContract(
  name: string,
  makeLease: MakeLease,
  options: LeaseContractOptions = {},
): void {
  const timeout = options.timeoutMs ?? 15_000;
  const shortTtl = options.shortTtlMs ?? 150;
  describe(`${name}: Lease contract`, () => {
    const runId = newRunId();
    let counter = 0;
    const fresh = () => `${runId}.${(counter += 1)}.lease`;
    let made: Lease | undefined;
    const lease = () => {
      if (!made) throw new Error('the lease under test was not made (see the beforeAll error)');
      return made;
    };

    beforeAll(async () => {
      made = await makeLease();
    }, timeout);
    afterAll(async () => {
      if (made) await options.cleanup?.(made);
    }, timeout);

    it('a free lease is taken; another owner is refused while it is held', { timeout }, async () => {
      const n = fresh();
      expect(await lease().acquire(n, 'a', LONG_TTL_MS)).toBe(true);
      expect(await lease().acquire(n, 'b', LONG_TTL_MS)).toBe(false);
      expect(await lease().renew(n, 'b', LONG_TTL_MS)).toBe(false);
      // The holder acquiring again extends it.
      expect(await lease().acquire(n, 'a', LONG_TTL_MS)).toBe(true);
      expect(await lease().renew(n, 'a', LONG_TTL_MS)).toBe(true);
      expect(await lease().acquire(n, 'b', LONG_TTL_MS)).toBe(false);
    });

    it('names are independent', { timeout }, async () => {
      const [one, two] = [fresh(), fresh()];
      expect(await lease().acquire(one, 'a', LONG_TTL_MS)).toBe(true);
      expect(await lease().acquire(two, 'b', LONG_TTL_MS)).toBe(true);
      expect(await lease().renew(one, 'a', LONG_TTL_MS)).toBe(true);
      expect(await lease().renew(two, 'b', LONG_TTL_MS)).toBe(true);
    });

    it('renewing a lease never taken is refused and takes nothing', { timeout }, async () => {
      const n = fresh();
      expect(await lease().renew(n, 'a', LONG_TTL_MS)).toBe(false);
      expect(await lease().acquire(n, 'b', LONG_TTL_MS)).toBe(true);
    });

    it(
      'release by the holder frees it at once; release by another changes nothing',
      { timeout },
      async () => {
        const n = fresh();
        expect(await lease().acquire(n, 'a', LONG_TTL_MS)).toBe(true);
        await lease().release(n, 'b');
        expect(await lease().acquire(n, 'b', LONG_TTL_MS)).toBe(false);
        await lease().release(n, 'a');
        expect(await lease().renew(n, 'a', LONG_TTL_MS)).toBe(false);
        expect(await lease().acquire(n, 'b', LONG_TTL_MS)).toBe(true);
        await lease().release(fresh(), 'a'); // never taken: harmless
      },
    );

    it(
      'an unrenewed lease expires after its time-to-live and goes to the next owner',
      { timeout },
      async () => {
        const n = fresh();
        expect(await lease().acquire(n, 'a', shortTtl)).toBe(true);
        expect(await lease().acquire(n, 'b', shortTtl)).toBe(false);
        await wait(shortTtl * 2);
        // Expired: the old holder can no longer renew, and someone else may take it.
        expect(await lease().renew(n, 'a', LONG_TTL_MS)).toBe(false);
        expect(await lease().acquire(n, 'b', LONG_TTL_MS)).toBe(true);
        expect(await lease().acquire(n, 'a', LONG_TTL_MS)).toBe(false);
      },
    );

    it('renewing in time keeps the lease past its first time-to-live', { timeout }, async () => {
      const n = fresh();
      expect(await lease().acquire(n, 'a', shortTtl * 3)).toBe(true);
      for (let i = 0; i < 3; i++) {
        await wait(shortTtl);
        expect(await lease().renew(n, 'a', shortTtl * 3)).toBe(true);
      }
      expect(await lease().acquire(n, 'b', shortTtl)).toBe(false);
    });

    it('concurrent acquires of a free lease: exactly one owner wins', { timeout }, async () => {
      const n = fresh();
      const owners = ['a', 'b', 'c', 'd', 'e'];
      const won = await Promise.all(owners.map((owner) => lease().acquire(n, owner, LONG_TTL_MS)));
      expect(won.filter(Boolean)).toHaveLength(1);
      const winner = owners[won.indexOf(true)]!;
      expect(await lease().renew(n, winner, LONG_TTL_MS)).toBe(true);
    });
  });
}
