import type { CheckpointStore } from '@strata/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRunId } from './event-store/context.js';

export type MakeCheckpointStore = () => CheckpointStore | Promise<CheckpointStore>;

export interface StoreContractOptions<S> {
  /** Per test timeout. Default 15 s. */
  readonly timeoutMs?: number;
  /** Called once after the suite, with the store it made (close a pool, drop a schema). */
  readonly cleanup?: (store: S) => void | Promise<void>;
}

const ABOVE_2_53 = 2n ** 53n + 1n;
const MAX_INT64 = 2n ** 63n - 1n;

/**
 * Registers the vitest suite every `CheckpointStore` adapter must pass. Names are unique to
 * the run, so it can run against a shared server.
 */
export function describeCheckpointStoreContract(
  name: string,
  makeStore: MakeCheckpointStore,
  options: StoreContractOptions<CheckpointStore> = {},
): void {
  const timeout = options.timeoutMs ?? 15_000;
  describe(`${name}: CheckpointStore contract`, () => {
    const runId = newRunId();
    let counter = 0;
    const fresh = (label = 'projection') => `${runId}.${(counter += 1)}.${label}`;
    let store: CheckpointStore | undefined;
    const checkpoints = () => {
      if (!store) throw new Error('the checkpoint store under test was not made (see the beforeAll error)');
      return store;
    };

    beforeAll(async () => {
      store = await makeStore();
    }, timeout);
    afterAll(async () => {
      if (store) await options.cleanup?.(store);
    }, timeout);

    it('a name never saved loads as undefined', { timeout }, async () => {
      expect(await checkpoints().load(fresh())).toBeUndefined();
    });

    for (const position of [0n, 1n, 4_294_967_297n, ABOVE_2_53, MAX_INT64]) {
      it(`position ${position}n round-trips as a bigint`, { timeout }, async () => {
        const name = fresh();
        await checkpoints().save(name, position);
        const loaded = await checkpoints().load(name);
        expect(typeof loaded).toBe('bigint');
        expect(loaded).toBe(position);
      });
    }

    it(
      'a save replaces the previous position, also with a lower one (a rebuild moves back)',
      { timeout },
      async () => {
        const name = fresh();
        for (const position of [10n, 250n, ABOVE_2_53, 3n]) {
          await checkpoints().save(name, position);
          expect(await checkpoints().load(name)).toBe(position);
        }
      },
    );

    it('delete forgets the position; deleting a missing name is harmless', { timeout }, async () => {
      const name = fresh();
      await checkpoints().save(name, 42n);
      await checkpoints().delete(name);
      expect(await checkpoints().load(name)).toBeUndefined();
      await checkpoints().delete(name);
      await checkpoints().delete(fresh());
      await checkpoints().save(name, 7n);
      expect(await checkpoints().load(name)).toBe(7n);
    });

    it(
      'names are isolated, including names that differ only in case or by a suffix',
      { timeout },
      async () => {
        const base = fresh();
        const names = [base, base.toUpperCase(), `${base}-suffix`, `${base} `];
        await Promise.all(names.map((n, i) => checkpoints().save(n, BigInt(i + 1))));
        await checkpoints().delete(names[2]!);
        expect(await Promise.all(names.map((n) => checkpoints().load(n)))).toEqual([1n, 2n, undefined, 4n]);
      },
    );

    it('hostile names are kept apart and read back', { timeout }, async () => {
      const names = [
        "it's",
        "'); drop table checkpoints; --",
        'slash/name',
        'emoji 🧭',
        'back\\slash',
        '%_',
      ].map((hostile) => `${fresh('hostile')}${hostile}`);
      for (const [i, n] of names.entries()) await checkpoints().save(n, BigInt(i) + ABOVE_2_53);
      for (const [i, n] of names.entries()) expect(await checkpoints().load(n)).toBe(BigInt(i) + ABOVE_2_53);
    });
  });
}
