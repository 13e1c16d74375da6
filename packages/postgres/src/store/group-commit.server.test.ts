import { ConcurrencyError, toArray } from '@strata/core';
import type pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresEventStore } from '../index.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';

/**
 * A pool that records the append statements its clients run, and can fail the next batch
 * statement once (as a statement error would, before anything is written).
 */
function watchedPool(pool: pg.Pool) {
  const statements: string[] = [];
  let failNextBatch = false;
  const watched = new Proxy(pool, {
    get(target, key, receiver) {
      if (key !== 'connect') return Reflect.get(target, key, receiver) as unknown;
      // pool.query() connects with a callback: that path is left alone (it runs no appends).
      return async (...args: unknown[]) => {
        if (args.length > 0) return (target.connect as (...a: unknown[]) => unknown).apply(target, args);
        const client = await target.connect();
        return new Proxy(client, {
          get(c, k, r) {
            if (k !== 'query') return Reflect.get(c, k, r) as unknown;
            return (query: unknown, ...rest: unknown[]) => {
              // A statement's text, given alone or in a query config (as named statements are).
              const text =
                typeof query === 'string' ? query : (query as { text?: unknown } | undefined)?.text;
              // The store's append calls (not the migration's DDL, which names them too).
              if (typeof text === 'string' && /append_events(_batch)?\(\$1/.test(text)) {
                const batch = text.includes('append_events_batch(');
                statements.push(batch ? 'batch' : 'single');
                if (batch && failNextBatch) {
                  failNextBatch = false;
                  return Promise.reject(new Error('injected: the batch statement failed'));
                }
              }
              return (c.query as (...args: unknown[]) => unknown).call(c, query, ...rest);
            };
          },
        });
      };
    },
  });
  return { pool: watched, statements, failNextBatch: () => (failNextBatch = true) };
}

const pool = serverPool(20);
const schemas: string[] = [];
const stores: PostgresEventStore[] = [];
async function fresh() {
  const schema = uniqueSchema('group');
  schemas.push(schema);
  const watched = watchedPool(pool);
  const store = new PostgresEventStore({ pool: watched.pool, schema });
  stores.push(store);
  await store.migrate();
  return { store, ...watched };
}

afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  for (const schema of schemas) await dropSchema(pool, schema);
  await pool.end();
});

describe('group commit (server)', () => {
  it('concurrent appends share statements and commits, and land whole, in order, gap-free', async () => {
    const { store, statements } = await fresh();
    const writers = 16;
    const rounds = 5;
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let r = 0; r < rounds; r++)
          await store.append(`writer-${w}`, [{ type: 'tick', data: { w, r } }], {
            expectedRevision: BigInt(r - 1),
          });
      }),
    );
    // 80 appends went out in far fewer statements than appends.
    expect(statements.length).toBeLessThan(writers * rounds);
    expect(statements).toContain('batch');
    const all = await toArray(store.readAll());
    expect(all).toHaveLength(writers * rounds);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i)));
    for (let w = 0; w < writers; w++) {
      const stream = await toArray(store.readStream(`writer-${w}`));
      expect(stream.map((e) => (e.data as { r: number }).r)).toEqual([0, 1, 2, 3, 4]);
      expect(stream.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    }
  });

  it('a conflict in a group fails that append alone', async () => {
    const { store } = await fresh();
    await store.append('taken', [{ type: 'first', data: {} }]);
    const outcomes = await Promise.allSettled([
      store.append('free-1', [{ type: 'x', data: {} }]),
      store.append('free-2', [{ type: 'x', data: {} }]),
      store.append('taken', [{ type: 'late', data: {} }], { expectedRevision: 'no_stream' }),
      store.append('free-3', [{ type: 'x', data: {} }]),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const conflict = (outcomes[2] as PromiseRejectedResult).reason as ConcurrencyError;
    expect(conflict).toBeInstanceOf(ConcurrencyError);
    expect(conflict).toMatchObject({ streamId: 'taken', expectedRevision: 'no_stream', actualRevision: 0n });
    expect((await toArray(store.readStream('taken'))).map((e) => e.type)).toEqual(['first']);
  });

  it('two appends to one stream in one group run in order: the second sees the first', async () => {
    const { store } = await fresh();
    await store.append('warm', [{ type: 'x', data: {} }]);
    const slow = store.append('warm', [{ type: 'x', data: {} }]);
    const results = await Promise.all([
      slow,
      store.append('same', [{ type: 'a', data: {} }], { expectedRevision: 'no_stream' }),
      store.append('same', [{ type: 'b', data: {} }], { expectedRevision: 0n }),
    ]);
    expect(results[2].nextExpectedRevision).toBe(1n);
    expect((await toArray(store.readStream('same'))).map((e) => e.type)).toEqual(['a', 'b']);
  });

  it('when the batch statement fails, each append is retried alone and lands', async () => {
    const { store, statements, failNextBatch } = await fresh();
    await store.append('warm', [{ type: 'x', data: {} }]);
    failNextBatch();
    const first = store.append('warm', [{ type: 'x', data: {} }]);
    const grouped = ['g-1', 'g-2', 'g-3'].map((s) => store.append(s, [{ type: 'x', data: { s } }]));
    await first;
    const results = await Promise.all(grouped);
    expect(results.every((r) => r.nextExpectedRevision === 0n)).toBe(true);
    expect(statements.filter((s) => s === 'batch')).toHaveLength(1);
    expect(statements.slice(-3)).toEqual(['single', 'single', 'single']);
    expect((await toArray(store.readAll())).map((e) => e.streamId)).toEqual([
      'warm',
      'warm',
      'g-1',
      'g-2',
      'g-3',
    ]);
  });
});
