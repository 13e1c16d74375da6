// `pnpm --filter @strata/projections bench:rebuild [events]`: rebuilds a projection over a log
// of `events` (default 1M) on the PostgreSQL server into a PostgreSQL read model, and compares
// it with a raw `readAll` of the same log. Prints and writes a JSON result (bench-results/).
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { PostgresEventStore } from '@strata/postgres';
import { PostgresReadModelTarget } from '../postgres.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { dropSchema, serverPool, uniqueSchema } from '../test-support/databases.js';
import { definePostgresProjection } from '../postgres.js';
import { AccountEvents, Enrolled, PointsEarned } from '../test-support/loyalty.js';

// A typical read model: one small document per account, updated by every event.
const balances = definePostgresProjection({
  name: 'bench-balances',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<{ balance: number; earns: number }>('accounts').set(event.data.accountId, {
        balance: 0,
        earns: 0,
      }),
    'loyalty.points.earned': (event, { documents }) =>
      documents<{ balance: number; earns: number }>('accounts').update(event.data.accountId, (doc) => {
        doc.balance += event.data.points;
        doc.earns += 1;
      }),
  },
});

const events = Number(process.argv[2] ?? 1_000_000);
const accounts = 1_000;
const perAppend = 1_000;
const batchSize = Number(process.env.BATCH_SIZE ?? 2_000);
const schema = uniqueSchema('bench');
const pool = serverPool(4);
// Pages as large as a batch: one round trip per read (the default page is 500 rows).
const store = new PostgresEventStore({ pool, schema, pageSize: batchSize });
const seconds = (since: number) => (performance.now() - since) / 1000;

try {
  let started = performance.now();
  for (let a = 0; a < accounts; a += perAppend / 10)
    for (let k = a; k < Math.min(accounts, a + perAppend / 10); k++)
      await store.append(`loyaltyAccount-${k}`, [Enrolled.create({ accountId: `${k}`, programId: 'p' })]);
  for (let written = accounts, call = 0; written < events; call++) {
    const count = Math.min(perAppend, events - written);
    const accountId = `${call % accounts}`;
    await store.append(
      `loyaltyAccount-${accountId}`,
      Array.from({ length: count }, (_, i) =>
        PointsEarned.create({ accountId, points: (i % 9) + 1, reason: 'b' }),
      ),
    );
    written += count;
  }
  const seedSeconds = seconds(started);

  started = performance.now();
  let read = 0;
  for await (const _event of store.readAll()) read++;
  const readAllSeconds = seconds(started);

  started = performance.now();
  const runner = new ProjectionRunner({
    store,
    target: new PostgresReadModelTarget({ store }),
    projections: [balances],
    batchSize,
  });
  await runner.catchUp();
  const rebuildSeconds = seconds(started);
  const status = runner.status()[0];
  if (status?.state !== 'idle' || status.deadLetters !== 0)
    throw new Error(`unexpected status ${String(status?.state)}`);

  const result = {
    benchmark: 'projections.rebuild.postgres',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    events: read,
    batchSize,
    seedSeconds: Math.round(seedSeconds * 10) / 10,
    readAllEventsPerSecond: Math.round(read / readAllSeconds),
    rebuildEventsPerSecond: Math.round(read / rebuildSeconds),
    rebuildToReadAllRatio: Math.round((readAllSeconds / rebuildSeconds) * 100) / 100,
  };
  console.log(JSON.stringify(result, null, 2));
  await mkdir(new URL('../../bench-results/', import.meta.url), { recursive: true });
  await writeFile(
    new URL(`../../bench-results/rebuild-${events}.json`, import.meta.url),
    `${JSON.stringify(result, null, 2)}\n`,
  );
} finally {
  await store.close();
  await dropSchema(pool, schema);
  await pool.end();
}
