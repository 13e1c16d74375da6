// Inline projections, run on a server and on PGlite (see the two test files).
import type { PostgresEventStore } from '@strata/postgres';
import { expect, it } from 'vitest';
import { ProjectionHandlerError } from '../errors/projection-errors.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { Enrolled, PointsEarned } from '../test-support/loyalty.js';
import { InlineProjections } from './inline-projections.js';
import { PostgresReadModelTarget } from './postgres-read-model-target.js';
import { ledger } from './target-scenarios.js';

export function describeInlineScenarios(makeStore: () => Promise<PostgresEventStore>): void {
  it('inline: the read model changes in the append’s transaction, catching up what others appended', async () => {
    const store = await makeStore();
    const target = new PostgresReadModelTarget({ store });
    const inline = new InlineProjections({ store, target, projections: [ledger()] });
    const last = target.documents<{ last: string }>('ledger', 'last');
    await inline.append('loyaltyAccount-a', [
      Enrolled.create({ accountId: 'a', programId: 'p' }),
      PointsEarned.create({ accountId: 'a', points: 3, reason: 'first' }),
    ]);
    expect(await last.get('a')).toEqual({ last: 'first' }); // no runner, no wait
    await store.append('loyaltyAccount-a', [
      PointsEarned.create({ accountId: 'a', points: 4, reason: 'plain' }),
    ]);
    await inline.append('loyaltyAccount-b', [
      PointsEarned.create({ accountId: 'b', points: 1, reason: 'b' }),
    ]);
    expect(await last.get('a')).toEqual({ last: 'plain' });
    const rows = await store.transaction((tx) =>
      tx.query<{ account: string; points: number }>(
        `select * from ${target.tableOf({ name: 'ledger', version: 1, generation: 0 }, 'earned')} order by account`,
      ),
    );
    expect(rows).toEqual([
      { account: 'a', points: 7 },
      { account: 'b', points: 1 },
    ]);
    // A runner over the same build finds nothing left to do: the checkpoint moved with the appends.
    const runner = new ProjectionRunner({ store, target, projections: [ledger()] });
    await runner.catchUp();
    expect(runner.status()[0]?.position).toBe(3n);
  });

  it('inline: a handler that throws rolls the append back with it', async () => {
    const store = await makeStore();
    const target = new PostgresReadModelTarget({ store });
    const inline = new InlineProjections({ store, target, projections: [ledger(1, { points: 13 })] });
    const error = await inline
      .append('loyaltyAccount-c', [PointsEarned.create({ accountId: 'c', points: 13, reason: 'unlucky' })])
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProjectionHandlerError);
    expect(error).toMatchObject({ projection: 'ledger', position: 0n });
    const events: unknown[] = [];
    for await (const event of store.readAll()) events.push(event);
    expect(events).toEqual([]);
    expect(await target.documents('ledger', 'last').get('c')).toBeUndefined();
  });
}
