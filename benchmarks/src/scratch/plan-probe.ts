import { PostgresEventStore } from '@strata/postgres';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import { createFreshDatabase, DEFAULT_PG_TYPES, warmPool } from '../postgres/fresh-database.js';
import { streamPageQuery } from '../../../packages/postgres/src/store/read-queries.js';
import { schemaNames } from '../../../packages/postgres/src/schema/schema-names.js';
const db = await createFreshDatabase();
const pool = await warmPool(db.url, 2, DEFAULT_PG_TYPES);
const store = new PostgresEventStore({ pool, pageSize: 500 });
try {
  await store.migrate();
  const S = 'loyaltyAccount-r-1';
  for (let s = 0; s < 10_000; s += 100) await store.append(S, Array.from({ length: 100 }, (_, i) => loyaltyEvent('r-1', s + i)));
  for (let k = 0; k < 50; k++) await store.append(`loyaltyAccount-small-${k}`, Array.from({ length: 10 }, (_, i) => loyaltyEvent(`small-${k}`, i)));
  const names = schemaNames(store.schema);
  const client = await pool.connect();
  const pages = [[0, 500], [500, 1000], [1500, 2000], [3500, 4000], [7500, 2500]] as const;
  const res: Record<string, number[]> = {};
  for (let round = 0; round < 10; round++) {
    for (const named of [false, true]) {
      const t0 = performance.now();
      for (const [f, l] of pages) { const q = streamPageQuery(names, S, BigInt(f), l, false); await client.query({ text: q.text, values: q.params, rowMode: 'array', ...(named ? { name: 'p1' } : {}) }); }
      (res[`big ${named}`] ??= []).push(performance.now() - t0);
      const t1 = performance.now();
      for (let k = 0; k < 50; k++) { const q = streamPageQuery(names, `loyaltyAccount-small-${k}`, 0n, 500, false); await client.query({ text: q.text, values: q.params, rowMode: 'array', ...(named ? { name: 'p1' } : {}) }); }
      (res[`small×50 ${named}`] ??= []).push(performance.now() - t1);
    }
  }
  for (const [k, v] of Object.entries(res)) console.log(k.padEnd(14), v.sort((a, b) => a - b)[5]!.toFixed(2));
  const q = streamPageQuery(names, 'loyaltyAccount-small-1', 0n, 500, false);
  const r = await client.query({ text: 'explain (analyze, format json) ' + q.text, values: q.params });
  console.log('planning', r.rows[0]['QUERY PLAN'][0]['Planning Time'], 'exec', r.rows[0]['QUERY PLAN'][0]['Execution Time']);
  client.release();
} finally { await store.close(); await pool.end(); await db.drop(); }
