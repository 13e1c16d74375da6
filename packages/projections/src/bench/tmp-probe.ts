import { PostgresEventStore } from '@strata/postgres';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';
import { Enrolled, PointsEarned } from '../test-support/loyalty.js';
const events = Number(process.argv[2] ?? 1_000_000);
const schema = uniqueSchema('probe');
const pool = serverPool(4);
const store = new PostgresEventStore({ pool, schema, pageSize: 2000 });
try {
  for (let k = 0; k < 1000; k++) await store.append(`loyaltyAccount-${k}`, [Enrolled.create({ accountId: `${k}`, programId: 'p' })]);
  for (let w = 1000, c = 0; w < events; c++) { const n = Math.min(1000, events - w); const a = `${c % 1000}`;
    await store.append(`loyaltyAccount-${a}`, Array.from({ length: n }, (_, i) => PointsEarned.create({ accountId: a, points: (i % 9) + 1, reason: 'b' }))); w += n; }
  const types = ['loyalty.customer.enrolled', 'loyalty.points.earned'];
  const q = `select h.head, e.position from (select coalesce(max(position), -1) as head from "${schema}".events) h left join lateral (select * from "${schema}".events e where e.position >= $1 and e.position <= coalesce($3::bigint, h.head) and e.type = any($4::text[]) order by e.position limit $2) e on true order by e.position`;
  const c = await pool.connect();
  await c.query({ name: 'p1', text: q, values: ['900000', 2000, null, types] });
  for (let i = 0; i < 6; i++) await c.query({ name: 'p1', text: q, values: ['900000', 2000, null, types] });
  await c.query(`prepare p2(bigint, int, bigint, text[]) as ${q}`);
  for (let i = 0; i < 6; i++) await c.query(`execute p2(900000, 2000, null, $1)`, [types]);
  const plan = await c.query(`explain analyze execute p2(900000, 2000, null, $1)`, [types]);
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  c.release();
  for (const filter of [] as ({ eventTypes: string[] } | undefined)[]) {
    let t = performance.now(); let n = 0; let from = 0n; let slow = 0;
    for (;;) { const s = performance.now(); const page = []; for await (const e of store.readAll({ from, maxCount: 2000, ...(filter ? { filter } : {}) })) page.push(e);
      const d = performance.now() - s; if (d > slow) slow = d; if (!page.length) break; n += page.length; from = page.at(-1)!.position + 1n; }
    console.log(filter ? 'filtered' : 'plain', Math.round(n / ((performance.now() - t) / 1000)), 'ev/s; slowest page ms', Math.round(slow));
  }
} finally { await store.close(); await dropSchema(pool, schema); await pool.end(); }
