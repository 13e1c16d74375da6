import type { PGlite } from '@electric-sql/pglite';
import type { CheckpointStore } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { definePostgresProjection } from '../postgres.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import type { BatchUnit, BuildRecord, LeaseClaim } from '../target/read-model-target.js';
import { uniqueSchema } from '../test-support/databases.js';
import { AccountEvents, PointsEarned } from '../test-support/loyalty.js';
import { PostgresReadModelTarget, type PostgresProjectionContext } from './postgres-read-model-target.js';

/** Crashes a batch just before its commit (rolled back) or just after it (committed, unreported). */
class CrashingTarget extends PostgresReadModelTarget {
  count = 0;
  crashAt = new Set<number>();
  override async batch<T>(
    build: BuildRecord,
    checkpoints: CheckpointStore,
    work: (unit: BatchUnit<PostgresProjectionContext>) => Promise<T>,
    lease?: LeaseClaim,
  ): Promise<T> {
    const n = ++this.count;
    const result = await super.batch(
      build,
      checkpoints,
      async (unit) => {
        const value = await work(unit);
        if (this.crashAt.has(n) && n % 2 === 0) throw new Error('crash before commit');
        return value;
      },
      lease,
    );
    if (this.crashAt.has(n) && n % 2 === 1) throw new Error('crash after commit');
    return result;
  }
}

// Deliberately not idempotent: only exactly-once delivery keeps the totals right.
const totals = definePostgresProjection({
  name: 'totals',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.points.earned': (event, { documents }) =>
      documents<{ total: number }>('totals')
        .get(event.data.accountId)
        .then((doc) =>
          documents('totals').set(event.data.accountId, { total: (doc?.total ?? 0) + event.data.points }),
        ),
  },
});

/** The exactly-once property, on one PGlite (a fresh schema per run). */
export function describeExactlyOnceProperty(pglite: PGlite): void {
  let crashes = 0;
  it('for random histories, batch sizes and crashes around commits, the read model is the fold of the history', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ account: fc.integer({ min: 0, max: 2 }), points: fc.integer({ min: 1, max: 9 }) }),
          {
            minLength: 1,
            maxLength: 25,
          },
        ),
        fc.integer({ min: 1, max: 6 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 4 }),
        async (earns, batchSize, crashAt) => {
          const store = new PostgresEventStore({ pglite, schema: uniqueSchema('fold') });
          const expected: Record<string, number> = {};
          for (const { account, points } of earns) {
            await store.append(`loyaltyAccount-${account}`, [
              PointsEarned.create({ accountId: `${account}`, points, reason: 'r' }),
            ]);
            expected[account] = (expected[account] ?? 0) + points;
          }
          const target = new CrashingTarget({ store });
          target.crashAt = new Set(crashAt);
          for (let restarts = 0; ; restarts++) {
            expect(restarts).toBeLessThanOrEqual(crashAt.length);
            const runner = new ProjectionRunner({ store, target, projections: [totals], batchSize });
            const crashed = await runner.catchUp().then(
              () => false,
              (error: unknown) => {
                if (error instanceof Error && error.message.startsWith('crash')) return true;
                throw error;
              },
            );
            if (!crashed) break;
            crashes++;
          }
          const docs = target.documents<{ total: number }>('totals', 'totals');
          const actual = Object.fromEntries(
            await Promise.all(
              Object.keys(expected).map(async (id) => [id, (await docs.get(id))?.total] as const),
            ),
          );
          expect(actual).toEqual(expected);
          await store.transaction((tx) => tx.query(`drop schema "${tx.schema}" cascade`));
          await store.close();
        },
      ),
      { numRuns: 12 },
    );
    expect(crashes).toBeGreaterThan(0);
  });
}
