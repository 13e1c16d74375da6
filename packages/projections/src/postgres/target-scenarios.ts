// The PostgreSQL target's behaviour, run on a server and on PGlite (see the two test files).
import type { PostgresEventStore } from '@strata/postgres';
import { expect, it } from 'vitest';
import { definePostgresProjection } from '../postgres.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { checkpointName } from '../target/read-model-target.js';
import { AccountEvents, balances, PointsEarned, seed, type Account } from '../test-support/loyalty.js';
import { PostgresReadModelTarget } from './postgres-read-model-target.js';

/** Earned points per account in a table of the build's own, written through `sql`. */
export function ledger(version = 1, failOn?: { points: number }) {
  return definePostgresProjection({
    name: 'ledger',
    version,
    onError: 'stop',
    retry: { maxAttempts: 1 },
    events: AccountEvents,
    setup: async ({ sql, table }) => {
      await sql.query(
        `create table if not exists ${table('earned')} (account text primary key, points integer not null)`,
      );
    },
    handlers: {
      'loyalty.points.earned': async (event, { sql, table, documents }) => {
        await sql.query(
          `insert into ${table('earned')} values ($1, $2)
           on conflict (account) do update set points = ${table('earned')}.points + excluded.points`,
          [event.data.accountId, event.data.points * version],
        );
        await documents<{ last: string }>('last').set(event.data.accountId, { last: event.data.reason });
        if (event.data.points === failOn?.points) throw new Error('no such points');
      },
    },
  });
}

export function describeTargetScenarios(makeStore: () => Promise<PostgresEventStore>): void {
  const earned = async (
    store: PostgresEventStore,
    target: PostgresReadModelTarget,
    generation = 0,
    version = 1,
  ) =>
    store.transaction(async (tx) =>
      Object.fromEntries(
        (
          await tx.query<{ account: string; points: number }>(
            `select * from ${target.tableOf({ name: 'ledger', version, generation }, 'earned')} order by account`,
          )
        ).map((r) => [r.account, r.points]),
      ),
    );

  it('writes documents, own tables and the checkpoint in one transaction per batch', async () => {
    const store = await makeStore();
    await seed(store, 2, 3);
    const target = new PostgresReadModelTarget({ store });
    const runner = new ProjectionRunner({ store, target, projections: [ledger(), balances()], batchSize: 3 });
    await runner.catchUp();
    expect(await earned(store, target)).toEqual({ 'a-0': 6, 'a-1': 6 });
    expect(await target.documents<{ last: string }>('ledger', 'last').get('a-1')).toEqual({ last: 'r2' });
    expect(await target.documents<Account>('account-balances', 'accounts').get('a-0')).toEqual({
      balance: 6,
      earned: 3,
      reasons: ['r0', 'r1', 'r2'],
    });
    expect(await store.checkpoints.load(checkpointName({ name: 'ledger', version: 1, generation: 0 }))).toBe(
      7n,
    );
    expect(runner.status().map((s) => s.position)).toEqual([7n, 7n]);
  });

  it('a failing event rolls back its whole transaction: no row, no document, no checkpoint', async () => {
    const store = await makeStore();
    await seed(store, 1, 3); // points 1, 2, 3 at positions 1..3
    const target = new PostgresReadModelTarget({ store });
    const runner = new ProjectionRunner({ store, target, projections: [ledger(1, { points: 3 })] });
    await runner.catchUp();
    expect(runner.status()[0]).toMatchObject({ state: 'failed', position: 2n });
    expect(await earned(store, target)).toEqual({ 'a-0': 3 });
    expect(await target.documents<{ last: string }>('ledger', 'last').get('a-0')).toEqual({ last: 'r1' });
    expect(await store.checkpoints.load(checkpointName({ name: 'ledger', version: 1, generation: 0 }))).toBe(
      2n,
    );
  });

  it('dead letters are stored with the error and outlive the runner; retry applies them once', async () => {
    const store = await makeStore();
    await store.append('loyaltyAccount-x', [
      PointsEarned.create({ accountId: 'x', points: 4, reason: 'orphan' }),
    ]);
    const target = new PostgresReadModelTarget({ store });
    await new ProjectionRunner({
      store,
      target,
      projections: [balances()],
      sleep: async () => undefined,
    }).catchUp();
    const runner = new ProjectionRunner({ store, target, projections: [balances()] });
    const [letter] = await runner.deadLetters('account-balances');
    expect(letter).toMatchObject({
      attempts: 2,
      event: { position: 0n, type: PointsEarned.type, data: { accountId: 'x', points: 4 } },
      error: { code: 'DOCUMENT_NOT_FOUND' },
    });
    expect(letter?.event.recordedAt).toBeInstanceOf(Date);
    await runner.catchUp();
    expect(runner.status()[0]).toMatchObject({ deadLetters: 1, position: 0n });
    await store.append('loyaltyAccount-x', [
      { type: 'loyalty.customer.enrolled', data: { accountId: 'x', programId: 'p' } },
    ]);
    await runner.catchUp();
    await runner.retryDeadLetter(letter!.id);
    expect(await runner.deadLetters()).toEqual([]);
    expect(await target.documents<Account>('account-balances', 'accounts').get('x')).toMatchObject({
      balance: 4,
    });
  });

  it('a bumped version builds into its own tables while v1 serves; reads switch; v1 tables are dropped', async () => {
    const store = await makeStore();
    await seed(store, 3, 3);
    const target = new PostgresReadModelTarget({ store });
    await new ProjectionRunner({ store, target, projections: [ledger(1)] }).catchUp();
    const docs = target.documents<{ last: string }>('ledger', 'last');
    const served: number[] = [];
    const runner = new ProjectionRunner({
      store,
      target,
      projections: [ledger(2)],
      batchSize: 2,
      metrics: { batchCommitted: () => void served.push(served.length) },
    });
    const reads: (string | undefined)[] = [];
    const reading = (async () => {
      // Reads go on throughout the build and the switch; every one finds a whole model.
      for (let i = 0; i < 20; i++) reads.push((await docs.get('a-2'))?.last);
    })().catch((error: unknown) => error);
    await runner.catchUp();
    expect(await reading).toBeUndefined();
    expect(reads.every((last) => last === 'r2')).toBe(true);
    expect(await earned(store, target, 0, 2)).toEqual({ 'a-0': 12, 'a-1': 12, 'a-2': 12 });
    const tables = await store.transaction((tx) =>
      tx.query<{ tablename: string }>(
        `select tablename from pg_tables where schemaname = $1 and tablename like 'rm_ledger_%' order by tablename`,
        [target.schema],
      ),
    );
    expect(tables.map((t) => t.tablename)).toEqual(['rm_ledger_v2_0_documents', 'rm_ledger_v2_0_earned']);
    expect(await target.builds('ledger')).toEqual([
      { name: 'ledger', version: 2, generation: 0, state: 'active' },
    ]);
  });
}
