import { createEventStore, toArray, type EventStore } from '@strata/core';
import type { EventStoreDBEventStore } from '@strata/eventstoredb';
import { EventStoreDBCheckpointStore } from '@strata/eventstoredb';
import { SagaOrchestrator } from '@strata/sagas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from '../../eventstoredb/src/test-server/test-server.js';
import {
  dropSchema,
  serverPool,
  SERVER_URL,
  uniqueSchema,
} from '../../postgres/src/test-support/databases.js';
import { PointsEarned, sagas, seed } from './test-support/loyalty.js';
import { cli, collect, esdbConfigDir, startCli } from './test-support/run-cli.js';

// The wire-compatible in-process EventStoreDB test server runs here; the CLI, a child process,
// reaches it over its port.
const server = new TestServer();
// Read models go to PostgreSQL (a schema of this file's own); checkpoints stay in EventStoreDB.
const readModels = { url: SERVER_URL, schema: uniqueSchema('cli_esdb') };
let store: EventStoreDBEventStore;
let dir: string;
let seeded: number;

/** Every event's position, in the order `$all` gives them (the CLI must show the same ones). */
async function positions(of: EventStore, streamId?: string): Promise<string[]> {
  const events = await toArray(streamId === undefined ? of.readAll() : of.readStream(streamId));
  return events.map((e) => e.position.toString());
}

beforeAll(async () => {
  await server.start();
  seeded = await seed(server.url, 'unused', 3, 2, true);
  store = createEventStore(server.url) as EventStoreDBEventStore;
  dir = esdbConfigDir(server.url, readModels);
}, 60_000);

afterAll(async () => {
  await store.close();
  await server.stop();
  const pool = serverPool(1);
  await dropSchema(pool, readModels.schema);
  await pool.end();
});

describe('strata on EventStoreDB (the in-process test server)', () => {
  it('streams list gives every stream with its EventStoreDB commit position', async () => {
    const list = JSON.parse((await cli(['streams', 'list', '--json'], { cwd: dir })).stdout) as {
      streamId: string;
      events: number;
      lastRevision: string;
      lastPosition: string;
    }[];
    expect(list.map((s) => s.streamId)).toEqual([
      'loyaltyAccount-a-1',
      'loyaltyAccount-a-2',
      'loyaltyAccount-a-3',
    ]);
    expect(list.map((s) => [s.events, s.lastRevision])).toEqual([
      [3, '2'],
      [3, '2'],
      [3, '2'],
    ]);
    // Commit positions are not revisions nor event counts: the last one is far past 8.
    expect(list[2]?.lastPosition).toBe((await positions(store)).at(-1));
    expect(BigInt(list[2]?.lastPosition ?? '0')).toBeGreaterThan(BigInt(seeded));
  });

  it('streams read reads forwards, and backwards from a revision with a limit; a missing stream is exit 1', async () => {
    const all = JSON.parse(
      (await cli(['streams', 'read', 'loyaltyAccount-a-2', '--json'], { cwd: dir })).stdout,
    ) as { revision: string; position: string; type: string; data: { accountId: string } }[];
    expect(all.map((e) => e.revision)).toEqual(['0', '1', '2']);
    expect(all.map((e) => e.position)).toEqual(await positions(store, 'loyaltyAccount-a-2'));
    expect(all[0]).toMatchObject({ type: 'loyalty.customer.enrolled', data: { accountId: 'a-2' } });
    const back = JSON.parse(
      (
        await cli(
          ['streams', 'read', 'loyaltyAccount-a-2', '--from', '1', '--backwards', '--limit', '2', '--json'],
          {
            cwd: dir,
          },
        )
      ).stdout,
    ) as { revision: string }[];
    expect(back.map((e) => e.revision)).toEqual(['1', '0']);
    const missing = await cli(['streams', 'read', 'loyaltyAccount-nobody'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain(`stream loyaltyAccount-nobody not found in ${server.url}`);
  });

  it('events stats counts by type and category, with the first and last commit position', async () => {
    const result = await cli(['events', 'stats', '--json'], { cwd: dir });
    expect(result.code).toBe(0);
    const all = await positions(store);
    expect(JSON.parse(result.stdout)).toEqual({
      events: seeded,
      streams: 3,
      firstPosition: all[0],
      lastPosition: all.at(-1),
      byType: { 'loyalty.customer.enrolled': 3, 'loyalty.points.earned': 6 },
      byCategory: { loyaltyAccount: seeded },
    });
  });

  it('doctor checks the connection (there is no schema to check) and the dead letters', async () => {
    const doctor = await cli(['doctor', '--json'], { cwd: dir });
    const report = JSON.parse(doctor.stdout) as {
      healthy: boolean;
      checks: { check: string; ok: boolean; detail: string }[];
    };
    expect(report.checks.map((c) => [c.check, c.ok])).toEqual([
      ['config', true],
      ['connection', true],
      ['projections', true],
      ['dead letters', true],
    ]);
    expect(report.checks[1]?.detail).toBe(server.url);
    expect(report.healthy).toBe(true);
    expect(doctor.code).toBe(0);
  });

  it('doctor without a read-model target says so instead of failing', async () => {
    const noTarget = esdbConfigDir(server.url);
    const doctor = await cli(['doctor'], { cwd: noTarget });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('ok   connection');
    expect(doctor.stdout).toMatch(
      /FAIL target: no read-model target for store esdb:\/\/.*\n\s+fix: export target:/,
    );
    const status = await cli(['projections', 'status'], { cwd: noTarget });
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('no read-model target for store');
  });

  it('migrate is for PostgreSQL only: a usage error that says so', async () => {
    const migrate = await cli(['migrate'], { cwd: dir });
    expect(migrate.code).toBe(2);
    expect(migrate.stderr).toContain('strata migrate needs a PostgreSQL or PGlite store');
  });

  it('an unreachable server is one line that asks whether it runs; doctor says what to fix', async () => {
    const url = 'esdb://127.0.0.1:1?tls=false';
    const [list, doctor] = await Promise.all([
      cli(['--store', url, 'streams', 'list'], { cwd: dir }),
      cli(['--store', url, 'doctor'], { cwd: dir }),
    ]);
    expect(list.code).toBe(1);
    expect(list.stderr.trim().split('\n')).toHaveLength(1);
    expect(list.stderr).toContain('EVENTSTOREDB_UNAVAILABLE');
    expect(list.stderr).toContain('is the database running?');
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(`FAIL connection: ${url}`);
    expect(doctor.stdout).toContain('fix: start the database');
  }, 60_000);

  it('projections run keeps its checkpoint in EventStoreDB; status shows it and counts the lag in events', async () => {
    const before = JSON.parse(
      (await cli(['projections', 'status', 'loyalty-balances', '--json'], { cwd: dir })).stdout,
    ) as { state: string; position: string; lag: string }[];
    expect(before).toEqual([
      expect.objectContaining({ state: 'never run', position: '-1', lag: String(seeded) }),
    ]);

    const child = startCli(['projections', 'run', 'loyalty-balances'], { cwd: dir });
    const done = collect(child);
    await new Promise<void>((ready) =>
      child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('running') && ready()),
    );
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('stopped: loyalty-balances@v1.0');

    const last = (await positions(store)).at(-1);
    const checkpoint = await new EventStoreDBCheckpointStore(store).load('projection:loyalty-balances:v1.0');
    expect(checkpoint?.toString()).toBe(last);
    const status = JSON.parse(
      (await cli(['projections', 'status', 'loyalty-balances', '--json'], { cwd: dir })).stdout,
    ) as { state: string; position: string; lag: string }[];
    expect(status).toEqual([expect.objectContaining({ state: 'active', position: last, lag: '0' })]);

    // One event more is a lag of 1, however far the commit position moved.
    await store.append('loyaltyAccount-a-1', [
      PointsEarned.create({ accountId: 'a-1', points: 3, reason: 'late' }),
    ]);
    const behind = JSON.parse(
      (await cli(['projections', 'status', 'loyalty-balances', '--json'], { cwd: dir })).stdout,
    ) as { position: string; lag: string }[];
    expect(behind[0]).toMatchObject({ position: last, lag: '1' });
    // Checkpoints are system events: not in the streams Strata lists.
    const streams = JSON.parse((await cli(['streams', 'list', '--json'], { cwd: dir })).stdout) as {
      streamId: string;
    }[];
    expect(streams.map((s) => s.streamId).filter((id) => !id.startsWith('loyaltyAccount-'))).toEqual([]);
  });

  it('rebuild reads the whole log; its dead letter shows in dead-letters list and doctor', async () => {
    const rebuild = await cli(['projections', 'rebuild', 'loyalty-audit', '--json'], { cwd: dir });
    expect(rebuild.code).toBe(0);
    expect(JSON.parse(rebuild.stdout)).toMatchObject({ name: 'loyalty-audit', processed: 7, total: 7 });
    const letters = JSON.parse((await cli(['dead-letters', 'list', '--json'], { cwd: dir })).stdout) as {
      error: { message: string };
      event: { streamId: string; position: string };
    }[];
    expect(letters).toHaveLength(1);
    expect(letters[0]?.error.message).toBe('audit rejects poison');
    expect(letters[0]?.event.position).toBe((await positions(store, 'loyaltyAccount-a-1'))[1]);
    const doctor = await cli(['doctor'], { cwd: dir });
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain('FAIL dead letters: 1');
  });

  it('streams tail prints what is appended to its stream while it follows', async () => {
    const child = startCli(['streams', 'tail', 'loyaltyAccount-a-3'], { cwd: dir });
    const done = collect(child);
    await new Promise<void>((ready) =>
      child.stderr?.on('data', (chunk: Buffer) => chunk.toString().includes('following') && ready()),
    );
    await store.append('loyaltyAccount-a-2', [
      PointsEarned.create({ accountId: 'a-2', points: 5, reason: 'other' }),
    ]);
    const { position } = await store.append('loyaltyAccount-a-3', [
      PointsEarned.create({ accountId: 'a-3', points: 7, reason: 'bonus' }),
    ]);
    let out = '';
    await new Promise<void>((seen) =>
      child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()).includes('bonus') && seen()),
    );
    child.kill('SIGTERM');
    const result = await done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `${position.toString()} loyaltyAccount-a-3@3 loyalty.points.earned {"accountId":"a-3","points":7,"reason":"bonus"}\n`,
    );
  });

  it('sagas list, show and retry read the saga streams in EventStoreDB', async () => {
    const checkpoints = new EventStoreDBCheckpointStore(store);
    const orchestrator = new SagaOrchestrator({ store, checkpoints, sagas, sleep: async () => undefined });
    await orchestrator.catchUp();
    await orchestrator.idle();
    expect(await checkpoints.load('sagas')).toBeDefined();

    const list = JSON.parse(
      (await cli(['sagas', 'list', '--status', 'compensation_failed', '--json'], { cwd: dir })).stdout,
    ) as { saga: string; sagaId: string; streamId: string }[];
    expect(list.map((s) => s.sagaId).sort()).toEqual(['a-1', 'a-2', 'a-3']);
    expect(list[0]?.streamId).toMatch(/^sagaLoyaltyWelcome-a-\d$/);
    const show = JSON.parse(
      (await cli(['sagas', 'show', 'loyalty-welcome', 'a-2'], { cwd: dir })).stdout,
    ) as { status: string; deadLetter: { step: string; error: { message: string } } };
    expect(show).toMatchObject({
      status: 'compensation_failed',
      deadLetter: { step: 'grant-bonus', error: { message: 'bonus ledger is read-only' } },
    });
    const retry = await cli(['sagas', 'retry', 'loyalty-welcome', 'a-2'], { cwd: dir });
    expect(retry.stdout).toContain('saga loyalty-welcome a-2 is now compensation_failed');
    expect(retry.code).toBe(1);
  });
});
