import { Enrolled, PointsEarned } from '../getting-started/loyalty-account.js';
// #region postgres-target
import { PostgresEventStore } from '@strata/postgres';
import { ProjectionRunner } from '@strata/projections';
import { definePostgresProjection, PostgresReadModelTarget } from '@strata/projections/postgres';
import { AccountEvents } from '../getting-started/loyalty-account.js';

const store = new PostgresEventStore({ url: 'pglite:' }); // or a server: { url: 'postgres://…' } or { pool }
const target = new PostgresReadModelTarget({ store }); // read models in the store's schema

const ledger = definePostgresProjection({
  name: 'ledger',
  version: 1,
  events: AccountEvents,
  // Your own tables: `table(name)` is this build's name for it, so a rebuild gets fresh ones.
  setup: ({ sql, table }) =>
    sql.query(
      `create table if not exists ${table('earned')} (account text primary key, points int not null)`,
    ),
  handlers: {
    'loyalty.points.earned': async (event, { sql, table, documents }) => {
      await sql.query(
        `insert into ${table('earned')} values ($1, $2)
         on conflict (account) do update set points = ${table('earned')}.points + excluded.points`,
        [event.data.accountId, event.data.points],
      );
      await documents<{ reason: string }>('last-earn').set(event.data.accountId, {
        reason: event.data.reason,
      });
    },
  },
});

// No checkpoint store to pass: the target commits each batch's writes and checkpoint together.
const runner = new ProjectionRunner({ store, target, projections: [ledger] });
// #endregion

export async function run() {
  await store.append('loyaltyAccount-a-1', [
    Enrolled.create({ accountId: 'a-1', programId: 'p' }),
    PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' }),
    PointsEarned.create({ accountId: 'a-1', points: 5, reason: 'review' }),
  ]);
  await runner.catchUp();
  // #region postgres-read
  const last = await target.documents<{ reason: string }>('ledger', 'last-earn').get('a-1');
  const rows = await store.transaction((tx) =>
    tx.query<{ points: number }>(
      `select points from ${target.tableOf({ name: 'ledger', version: 1, generation: 0 }, 'earned')}`,
    ),
  );
  // #endregion
  const status = runner.status();
  await store.close();
  return { last, rows, status };
}

export function leased(store: PostgresEventStore) {
  // #region lease
  // Run the same code in several processes: one holds each projection's lease, the others wait.
  const runner = new ProjectionRunner({
    store,
    target: new PostgresReadModelTarget({ store }),
    projections: [ledger],
    lease: { ttlMs: 10_000, renewEveryMs: 2_000 }, // a standby takes over ~10 s after a crash
  });
  // #endregion
  return runner;
}
