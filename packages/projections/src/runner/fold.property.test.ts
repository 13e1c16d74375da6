import { MemoryCheckpointStore, MemoryEventStore, type EventStore } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineProjection } from '../definition/define-projection.js';
import { MemoryReadModelTarget } from '../target/memory-read-model-target.js';
import { AccountEvents, Enrolled, Noted, PointsEarned } from '../test-support/loyalty.js';
import { ProjectionRunner } from './projection-runner.js';

type Op = { kind: 'enrol' | 'earn' | 'note'; account: number; points: number };
const op = fc.record({
  kind: fc.constantFrom<Op['kind']>('enrol', 'earn', 'earn', 'note'),
  account: fc.integer({ min: 0, max: 3 }),
  points: fc.integer({ min: 1, max: 50 }),
});

/** Where a crash may hit: a read of the log (before any write) or a checkpoint save (after the writes). */
class Crashes {
  count = 0;
  constructor(readonly at: Set<number>) {}
  maybe(): void {
    if (this.at.has(++this.count)) throw new Error(`crash #${this.count}`);
  }
}

function crashingStore(store: EventStore, crashes: Crashes): EventStore {
  return {
    append: (...args) => store.append(...args),
    readStream: (...args) => store.readStream(...args),
    subscribe: (...args) => store.subscribe(...args),
    close: () => store.close(),
    readAll: (options) => {
      crashes.maybe();
      return store.readAll(options);
    },
  };
}

class CrashingCheckpoints extends MemoryCheckpointStore {
  constructor(readonly crashes: Crashes) {
    super();
  }
  override async save(name: string, position: bigint): Promise<void> {
    this.crashes.maybe();
    return super.save(name, position);
  }
}

// Idempotent, as the memory target requires: each document remembers the last position applied.
type Totals = { total: number; earns: number; last: string };
const totals = defineProjection({
  name: 'totals',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': async (event, { documents }) => {
      const docs = documents<Totals>('accounts');
      if (!(await docs.get(event.data.accountId)))
        await docs.set(event.data.accountId, { total: 0, earns: 0, last: String(event.position) });
    },
    'loyalty.points.earned': async (event, { documents }) => {
      const docs = documents<Totals>('accounts');
      const doc = await docs.get(event.data.accountId);
      if (!doc || BigInt(doc.last) >= event.position) return;
      await docs.update(event.data.accountId, (d) => {
        d.total += event.data.points;
        d.earns += 1;
        d.last = String(event.position);
      });
    },
  },
});

describe('ProjectionRunner: property', () => {
  it('for random histories, batch sizes and crashes with restarts, the read model is the fold of the history', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { maxLength: 40 }),
        fc.integer({ min: 1, max: 7 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 30 }), { maxLength: 6 }),
        async (ops, batchSize, crashAt) => {
          const inner = new MemoryEventStore();
          const expected = new Map<string, { total: number; earns: number }>();
          for (const { kind, account, points } of ops) {
            const accountId = `a${account}`;
            if (kind === 'note') await inner.append('support-1', [Noted.create({ text: 'n' })]);
            if (kind === 'enrol') {
              await inner.append(`loyaltyAccount-${accountId}`, [
                Enrolled.create({ accountId, programId: 'p' }),
              ]);
              if (!expected.has(accountId)) expected.set(accountId, { total: 0, earns: 0 });
            }
            if (kind === 'earn') {
              await inner.append(`loyaltyAccount-${accountId}`, [
                PointsEarned.create({ accountId, points, reason: 'r' }),
              ]);
              const doc = expected.get(accountId);
              if (doc) expected.set(accountId, { total: doc.total + points, earns: doc.earns + 1 });
            }
          }
          const crashes = new Crashes(new Set(crashAt));
          const store = crashingStore(inner, crashes);
          const checkpoints = new CrashingCheckpoints(crashes);
          const target = new MemoryReadModelTarget();
          for (let restarts = 0; ; restarts++) {
            expect(restarts).toBeLessThanOrEqual(crashAt.length);
            const runner = new ProjectionRunner({
              store,
              checkpoints,
              target,
              projections: [totals],
              batchSize,
            });
            const crashed = await runner.catchUp().then(
              () => false,
              (error: unknown) => {
                if (error instanceof Error && error.message.startsWith('crash')) return true;
                throw error;
              },
            );
            if (!crashed) break;
          }
          const docs = await target.documents<Totals>('totals', 'accounts').find(() => true);
          const actual = new Map(
            await Promise.all(
              [...expected.keys()].map(async (id) => {
                const doc = await target.documents<Totals>('totals', 'accounts').get(id);
                return [id, doc && { total: doc.total, earns: doc.earns }] as const;
              }),
            ),
          );
          expect(docs).toHaveLength(expected.size);
          expect(actual).toEqual(expected);
        },
      ),
      { numRuns: 60 },
    );
  });
});
