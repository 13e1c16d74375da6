import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dropSchema,
  serverPool,
  SERVER_URL,
  uniqueSchema,
} from '../../postgres/src/test-support/databases.js';
import { SagaOrchestrator } from '@strata/sagas';
import type { PostgresEventStore } from '@strata/postgres';
import { PointsEarned, sagas, seed } from './test-support/loyalty.js';
import { createEventStore } from '@strata/core';
import { cli, collect, configDir, startCli } from './test-support/run-cli.js';

const schema = uniqueSchema('cli');
let dir: string;

beforeAll(async () => {
  await seed(SERVER_URL, schema, 2, 3);
  dir = configDir(SERVER_URL, schema);
}, 60_000);

afterAll(async () => {
  const pool = serverPool(1);
  await dropSchema(pool, schema);
  await pool.end();
});

describe('strata on the PostgreSQL server', () => {
  it('reads streams and stats, and rebuilds a projection', async () => {
    const stats = JSON.parse((await cli(['events', 'stats', '--json'], { cwd: dir })).stdout) as {
      events: number;
    };
    expect(stats.events).toBe(8);
    const read = JSON.parse(
      (await cli(['streams', 'read', 'loyaltyAccount-a-1', '--json'], { cwd: dir })).stdout,
    ) as unknown[];
    expect(read).toHaveLength(4);
    const rebuild = await cli(['projections', 'rebuild', 'loyalty-balances', '--json'], { cwd: dir });
    expect(rebuild.code).toBe(0);
    expect(JSON.parse(rebuild.stdout)).toMatchObject({ name: 'loyalty-balances', processed: 8, total: 8 });
  });

  it('streams tail prints events appended while it follows, of the stream asked for', async () => {
    const child = startCli(['streams', 'tail', 'loyaltyAccount-a-2'], { cwd: dir });
    const done = collect(child);
    await new Promise<void>((ready) =>
      child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('following') && ready()),
    );
    const store = createEventStore(SERVER_URL, { schema });
    await store.append('loyaltyAccount-a-1', [
      PointsEarned.create({ accountId: 'a-1', points: 5, reason: 'other' }),
    ]);
    await store.append('loyaltyAccount-a-2', [
      PointsEarned.create({ accountId: 'a-2', points: 7, reason: 'bonus' }),
    ]);
    await store.close();
    let out = '';
    await new Promise<void>((seen) =>
      child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()).includes('bonus') && seen()),
    );
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^\d+ loyaltyAccount-a-2@4 loyalty\.points\.earned \{"points":7,"reason":"bonus","accountId":"a-2"\}\n$/,
    );
  });

  it('sagas list, show, retry and cancel', async () => {
    const store = createEventStore(SERVER_URL, { schema }) as PostgresEventStore;
    const orchestrator = new SagaOrchestrator({
      store,
      checkpoints: store.checkpoints,
      sagas,
      sleep: async () => undefined,
    });
    await orchestrator.catchUp();
    await orchestrator.idle();
    await store.close();
    const list = JSON.parse(
      (await cli(['sagas', 'list', '--status', 'compensation_failed', '--json'], { cwd: dir })).stdout,
    ) as { sagaId: string; status: string; revision: string }[];
    expect(list.map((s) => s.sagaId).sort()).toEqual(['a-1', 'a-2']);
    expect(typeof list[0]?.revision).toBe('string');
    const show = JSON.parse(
      (await cli(['sagas', 'show', 'loyalty-welcome', 'a-1'], { cwd: dir })).stdout,
    ) as { deadLetter: { step: string; error: { message: string } } };
    expect(show.deadLetter).toMatchObject({
      step: 'grant-bonus',
      error: { message: 'bonus ledger is read-only' },
    });
    const retry = await cli(['sagas', 'retry', 'loyalty-welcome', 'a-1'], { cwd: dir });
    expect(retry.stdout).toContain('saga loyalty-welcome a-1 is now compensation_failed');
    expect(retry.code).toBe(1);
    const cancel = await cli(['sagas', 'cancel', 'loyalty-welcome', 'a-1'], { cwd: dir });
    expect(cancel.code).toBe(1);
    expect(cancel.stderr).toContain('loyalty-welcome');
    expect((await cli(['sagas', 'show', 'loyalty-welcome', 'nobody'], { cwd: dir })).code).toBe(1);
    expect((await cli(['sagas', 'list', '--status', 'sleepy'], { cwd: dir })).code).toBe(2);
  });

  it('an unreachable store URL is one clear line and exit 1; doctor says what to fix', async () => {
    const result = await cli(['--store', 'postgres://postgres@127.0.0.1:1/test', 'streams', 'list'], {
      cwd: dir,
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain('is the database running?');
    const doctor = await cli(['--store', 'postgres://postgres@127.0.0.1:1/test', 'doctor'], { cwd: dir });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toMatch(/FAIL connection: postgres:\/\/postgres@127\.0\.0\.1:1\/test/);
    expect(doctor.stdout).toContain('fix: start the database');
  });
});
