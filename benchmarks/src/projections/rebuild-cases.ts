import { ProjectionRunner } from '@strata/projections';
import {
  definePostgresProjection,
  PostgresReadModelTarget,
  type PostgresProjectionContext,
} from '@strata/projections/postgres';
import { PostgresEventStore } from '@strata/postgres';
import { AccountEvents } from '../domain/loyalty-account.js';
import { expectedAccount, loyaltyEvent } from '../domain/loyalty-history.js';
import type { TimedCase } from '../harness/timed-case.js';
import { createFreshDatabase, warmPool } from '../postgres/fresh-database.js';

export const PROJECTION_CASES = {
  readAll: (events: number) => `raw readAll ${label(events)}`,
  rebuild: (events: number) => `rebuild ${label(events)} into PostgreSQL`,
};

function label(events: number): string {
  return events >= 1_000_000 ? `${events / 1_000_000}M` : `${events / 1000}k`;
}

const PROJECTION = 'bench-balances';
const COLLECTION = 'accounts';

interface Balance {
  balance: number;
  events: number;
}

/** A typical read model: one small document per account, updated by every event. */
const balances = definePostgresProjection({
  name: PROJECTION,
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': (event, { documents }) =>
      documents<Balance>(COLLECTION).set(event.data.accountId, { balance: 0, events: 1 }),
    'loyalty.points.earned': (event, { documents }) =>
      documents<Balance>(COLLECTION).update(event.data.accountId, (doc) => {
        doc.balance += event.data.points;
        doc.events += 1;
      }),
    'loyalty.points.redeemed': (event, { documents }) =>
      documents<Balance>(COLLECTION).update(event.data.accountId, (doc) => {
        doc.balance -= event.data.points;
        doc.events += 1;
      }),
  },
});

/**
 * A log of `events` loyalty events over `accounts` accounts (each an enrolment, earnings and a
 * redemption every tenth event), on a database created for the suite and filled once, untimed,
 * `perAppend` events per call. Two cases read all of it: a raw `readAll` that sums the points,
 * and `ProjectionRunner.rebuild` of a balance per account into a PostgreSQL read model (a new
 * build from position 0 each sample; the previous one is dropped when it switches).
 */
export async function rebuildCases(options: {
  events: number;
  accounts: number;
  perAppend: number;
  batchSize: number;
  onFill?: (written: number) => void;
}): Promise<{ cases: TimedCase[]; dispose: () => Promise<void> }> {
  const { events, accounts, perAppend, batchSize } = options;
  if (events % accounts !== 0) throw new Error('events must be a multiple of accounts');
  const perAccount = events / accounts;
  const db = await createFreshDatabase();
  const pool = await warmPool(db.url, 4);
  // The first page as large as a batch (the store's default is 500); later pages grow.
  const store = new PostgresEventStore({ pool, pageSize: batchSize });
  const dispose = async () => {
    await store.close();
    await pool.end();
    await db.drop();
  };
  let runner: ProjectionRunner<PostgresProjectionContext>;
  let target: PostgresReadModelTarget;
  try {
    await store.migrate();
    let written = 0;
    for (let start = 0; start < perAccount; start += perAppend) {
      for (let a = 0; a < accounts; a++) {
        const batch = [];
        for (let i = start; i < Math.min(perAccount, start + perAppend); i++)
          batch.push(loyaltyEvent(`${a}`, i));
        await store.append(`loyaltyAccount-${a}`, batch);
        written += batch.length;
      }
      options.onFill?.(written);
    }
    target = new PostgresReadModelTarget({ store });
    runner = new ProjectionRunner({ store, target, projections: [balances], batchSize });
  } catch (error) {
    await dispose();
    throw error;
  }
  const expected = expectedAccount(perAccount);
  const readAllName = PROJECTION_CASES.readAll(events);
  const rebuildName = PROJECTION_CASES.rebuild(events);
  const cases: TimedCase[] = [
    {
      name: readAllName,
      description: `readAll from position 0 over ${events} events in pages growing from ${batchSize} rows, summing every event's points: what the rebuild reads, with nothing done.`,
      prepare: async () => async () => {
        let count = 0;
        let sum = 0;
        for await (const event of store.readAll()) {
          count++;
          const points = (event.data as { points?: number }).points ?? 0;
          sum += event.type === 'loyalty.points.redeemed' ? -points : points;
        }
        return {
          events: count,
          verify: () => {
            if (count !== events || sum !== expected.balance * accounts)
              throw new Error(
                `${readAllName}: ${count} events (expected ${events}), sum ${sum} (expected ${expected.balance * accounts})`,
              );
          },
        };
      },
    },
    {
      name: rebuildName,
      description: `ProjectionRunner.rebuild of a balance document per account (${accounts} accounts) from position 0 into a PostgresReadModelTarget on the same database: batches of ${batchSize}, each batch's document writes and checkpoint in one transaction.`,
      prepare: async () => async () => {
        const progress = await runner.rebuild(PROJECTION);
        return {
          events,
          verify: async () => {
            const status = runner.status().find((s) => s.name === PROJECTION && s.role === 'active');
            const docs = await target.documents<Balance>(PROJECTION, COLLECTION).find(() => true);
            const wrong = docs.filter((d) => d.balance !== expected.balance || d.events !== perAccount);
            if (
              docs.length !== accounts ||
              wrong.length > 0 ||
              status?.deadLetters !== 0 ||
              progress.processed !== events
            )
              throw new Error(
                `${rebuildName}: ${docs.length} documents (expected ${accounts}), ${wrong.length} wrong, ` +
                  `${progress.processed} events processed (expected ${events}), dead letters ${String(status?.deadLetters)}`,
              );
          },
        };
      },
    },
  ];
  return { cases, dispose };
}
