// The projection the SIGKILL crash test rebuilds: totals per account, plus one row per event
// applied (no key on it, so an event applied twice would show as a duplicate).
import { definePostgresProjection } from '../postgres.js';
import { AccountEvents } from '../test-support/loyalty.js';

export function crashTotals(name: string) {
  return definePostgresProjection({
    name,
    version: 1,
    events: AccountEvents,
    setup: async ({ sql, table }) => {
      await sql.query(`create table if not exists ${table('applied')} (position bigint not null)`);
    },
    handlers: {
      'loyalty.customer.enrolled': (event, { documents }) =>
        documents<{ total: number; count: number }>('totals').set(event.data.accountId, {
          total: 0,
          count: 0,
        }),
      'loyalty.points.earned': async (event, { documents, sql, table }) => {
        await documents<{ total: number; count: number }>('totals').update(event.data.accountId, (doc) => {
          doc.total += event.data.points;
          doc.count += 1;
        });
        await sql.query(`insert into ${table('applied')} values ($1)`, [event.position.toString()]);
      },
    },
  });
}
