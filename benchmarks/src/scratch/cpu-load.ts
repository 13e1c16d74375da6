import { Repository } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';
import { LoyaltyAccount } from '../domain/loyalty-account.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import { createFreshDatabase, DEFAULT_PG_TYPES, warmPool } from '../postgres/fresh-database.js';
const db = await createFreshDatabase();
const pool = await warmPool(db.url, 4, DEFAULT_PG_TYPES);
const store = new PostgresEventStore({ pool, pageSize: 500 });
try {
  await store.migrate();
  const repo = new Repository(store, LoyaltyAccount);
  for (let s = 0; s < 10_000; s += 100) await store.append('loyaltyAccount-r-1', Array.from({ length: 100 }, (_, i) => loyaltyEvent('r-1', s + i)));
  for (let i = 0; i < 15; i++) await repo.load('r-1');
  (globalThis as any).__wait = 0; const c0 = process.cpuUsage(); const t0 = performance.now();
  const N = Number(process.env.N ?? 40);
  for (let i = 0; i < N; i++) await repo.load('r-1');
  const c = process.cpuUsage(c0);
  console.log(`wall ${((performance.now() - t0) / N).toFixed(1)} user ${(c.user / 1000 / N).toFixed(1)} sys ${(c.system / 1000 / N).toFixed(1)} waiting ${((globalThis as any).__wait / N).toFixed(1)}`);
} finally { await store.close(); await pool.end(); await db.drop(); }
