import { Repository } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';
import { LoyaltyAccount } from '../domain/loyalty-account.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import { createFreshDatabase, DEFAULT_PG_TYPES, warmPool } from '../postgres/fresh-database.js';
const db = await createFreshDatabase();
const pool = await warmPool(db.url, 4, DEFAULT_PG_TYPES);
const store = new PostgresEventStore({ pool, pageSize: 500 });
await store.migrate();
const repo = new Repository(store, LoyaltyAccount);
for (let s = 0; s < 10_000; s += 100) await store.append('loyaltyAccount-r-1', Array.from({ length: 100 }, (_, i) => loyaltyEvent('r-1', s + i)));
const gc = (globalThis as { gc?: () => void }).gc!;
const keep: unknown[] = [];
if (process.env.KEEP) for await (const e of store.readStream('loyaltyAccount-r-1', { maxCount: 3 })) keep.push(e);
for (let i = 0; i < 10; i++) await repo.load('r-1');
const sums = { gc: 0, sleep: 0 };
for (let round = 0; round < 12; round++) {
  const mode = round % 2 ? 'gc' : 'sleep';
  if (mode === 'gc') gc(); else await new Promise((r) => setTimeout(r, 20));
  const ts: string[] = [];
  const t00 = performance.now();
  for (let i = 0; i < 3; i++) { const t0 = performance.now(); await repo.load('r-1'); ts.push((performance.now() - t0).toFixed(0)); }
  if (round >= 2) sums[mode] += performance.now() - t00;
}
console.log(process.env.KEEP ? 'keep' : 'none', 'per load after gc', (sums.gc / 15).toFixed(1), 'after sleep', (sums.sleep / 15).toFixed(1));
await store.close(); await pool.end(); await db.drop(); console.log(keep.length);
