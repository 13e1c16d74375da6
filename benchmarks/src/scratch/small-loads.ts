import { Repository } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';
import { LoyaltyAccount } from '../domain/loyalty-account.js';
import { emmett } from '../emmett/postgres-frameworks.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import { createFreshDatabase, DEFAULT_PG_TYPES, warmPool } from '../postgres/fresh-database.js';
const db = await createFreshDatabase();
const pool = await warmPool(db.url, 16, DEFAULT_PG_TYPES);
const e = await emmett.open();
const N = 1000;
try {
  const stores = { prepared: new PostgresEventStore({ pool, pageSize: 500 }), unnamed: new PostgresEventStore({ pool, pageSize: 500, preparedStatements: false }) };
  await stores.prepared.migrate();
  const accounts = Array.from({ length: N }, (_, k) => `a-${k}`);
  for (const a of accounts) await stores.prepared.append(`loyaltyAccount-${a}`, Array.from({ length: 10 }, (_, i) => loyaltyEvent(a, i)));
  await e.fill(accounts, 10);
  const runs: Record<string, () => Promise<void>> = {
    prepared: async () => { const r = new Repository(stores.prepared, LoyaltyAccount); for (const a of accounts) await r.load(a); },
    unnamed: async () => { const r = new Repository(stores.unnamed, LoyaltyAccount); for (const a of accounts) await r.load(a); },
    emmett: async () => { for (const a of accounts) await e.load(a); },
  };
  const res: Record<string, number[]> = {};
  for (let round = 0; round < 5; round++) for (const [k, run] of Object.entries(runs)) { const t0 = performance.now(); await run(); (res[k] ??= []).push(performance.now() - t0); }
  for (const [k, v] of Object.entries(res)) console.log(k.padEnd(9), 'loads/s', Math.round(N / (v.sort((x, y) => x - y)[2]! / 1000)));
  await stores.prepared.close(); await stores.unnamed.close();
} finally { await e.close(); await pool.end(); await db.drop(); }
