// Heavy (about a minute): a child process rebuilding a
// projection over 100k events is killed with SIGKILL at random points and restarted; the
// result must equal a clean build's, with no event applied twice.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PostgresEventStore } from '@strata/postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { PostgresReadModelTarget } from '../postgres.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { dropSchema, SERVER_URL, serverPool, uniqueSchema } from '../test-support/databases.js';
import { Enrolled, PointsEarned } from '../test-support/loyalty.js';
import { crashTotals } from './crash-projection.js';

const EVENTS = 100_000;
const ACCOUNTS = 100;
const schema = uniqueSchema('crash');
const pool = serverPool(4);
const store = new PostgresEventStore({ pool, schema });
afterAll(async () => {
  await store.close();
  await dropSchema(pool, schema);
  await pool.end();
});

/** Runs the child; kills it with SIGKILL after `killAfterMs` unless it finishes first. */
function child(killAfterMs: number | undefined): Promise<'killed' | 'done'> {
  const script = fileURLToPath(new URL('./rebuild-child.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--conditions=@strata/source', '--import', 'tsx', script], {
    // From the package, where `tsx` resolves, whatever folder vitest was started in.
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, STRATA_POSTGRES_URL: SERVER_URL, CRASH_SCHEMA: schema },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const timer = killAfterMs === undefined ? undefined : setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
  return new Promise((resolve, reject) => {
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve('killed');
      else if (code === 0) resolve('done');
      else reject(new Error(`child exited with ${code}`));
    });
  });
}

async function checksum(target: PostgresReadModelTarget, name: string): Promise<string> {
  const [row] = await store.transaction((tx) =>
    tx.query<{ sum: string }>(
      `select md5(string_agg(id || ':' || doc::text, ',' order by id)) as sum
       from ${target.tableOf({ name, version: 1, generation: 0 }, 'documents')}`,
    ),
  );
  return row!.sum;
}

describe('crash test: SIGKILL during a rebuild', () => {
  it(
    'killed and restarted several times, the read model equals a clean build and nothing applied twice',
    { timeout: 600_000 },
    async () => {
      for (let a = 0; a < ACCOUNTS; a++)
        await store.append(`loyaltyAccount-${a}`, [Enrolled.create({ accountId: `${a}`, programId: 'p' })]);
      const perAccount = (EVENTS - ACCOUNTS) / ACCOUNTS;
      for (let chunk = 0; chunk < perAccount; chunk += 100)
        for (let a = 0; a < ACCOUNTS; a++)
          await store.append(
            `loyaltyAccount-${a}`,
            Array.from({ length: Math.min(100, perAccount - chunk) }, (_, i) =>
              PointsEarned.create({ accountId: `${a}`, points: ((chunk + i) % 7) + 1, reason: 'r' }),
            ),
          );
      const outcomes: string[] = [];
      for (let kill = 0; kill < 4; kill++)
        outcomes.push(await child(1_500 + Math.floor(Math.random() * 2_500)));
      let final = await child(undefined);
      for (let guard = 0; final !== 'done' && guard < 3; guard++) final = await child(undefined);
      expect(final).toBe('done');
      expect(outcomes).toContain('killed');

      const target = new PostgresReadModelTarget({ store });
      await new ProjectionRunner({
        store,
        target,
        projections: [crashTotals('clean-totals')],
        batchSize: 1_000,
      }).catchUp();
      const diff = await store.transaction((tx) =>
        tx.query(
          `select a.id, a.doc as crashed, b.doc as clean from ${target.tableOf({ name: 'crash-totals', version: 1, generation: 0 }, 'documents')} a
           full join ${target.tableOf({ name: 'clean-totals', version: 1, generation: 0 }, 'documents')} b using (collection, id)
           where a.doc is distinct from b.doc limit 5`,
        ),
      );
      expect(diff).toEqual([]);
      expect(await checksum(target, 'crash-totals')).toBe(await checksum(target, 'clean-totals'));
      const [dupes] = await store.transaction((tx) =>
        tx.query<{ n: string }>(
          `select count(*)::text as n from (select position from ${target.tableOf({ name: 'crash-totals', version: 1, generation: 0 }, 'applied')}
         group by position having count(*) > 1) d`,
        ),
      );
      expect(dupes?.n).toBe('0');
      const [applied] = await store.transaction((tx) =>
        tx.query<{ n: string }>(
          `select count(*)::text as n from ${target.tableOf({ name: 'crash-totals', version: 1, generation: 0 }, 'applied')}`,
        ),
      );
      expect(Number(applied?.n)).toBe(EVENTS - ACCOUNTS);
    },
  );
});
