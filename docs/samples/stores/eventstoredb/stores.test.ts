import { afterAll, describe, expect, it } from 'vitest';
import { TestServer } from '../../../../packages/eventstoredb/src/test-server/test-server.js';

const server = new TestServer();
await server.start();
process.env.EVENTSTOREDB_URL = server.url;
const { client, events, checkpoints, snapshots, projectPoints, liveUntil } = await import('./stores.js');
delete process.env.EVENTSTOREDB_URL;

afterAll(async () => {
  await events.close();
  await client.dispose();
  await server.stop();
});

const earned = (points: number) => ({
  type: 'loyalty.points.earned',
  data: { accountId: 'a-1', points, reason: 'visit' },
});

describe('stores/eventstoredb: the stores on one client', () => {
  it('projects from a checkpoint kept in EventStoreDB, and resumes after it', async () => {
    await events.append('loyaltyAccount-a-1', [earned(10), earned(5)]);
    expect(await projectPoints()).toBe(15);
    await events.append('loyaltyAccount-a-1', [earned(7)]);
    expect(await projectPoints()).toBe(7);
    expect(await checkpoints.load('points')).toBeGreaterThan(0n);
  });

  it('a subscription from a checkpoint catches up, goes live and stops', async () => {
    const seen = liveUntil(4);
    await events.append('loyaltyAccount-a-2', [earned(1)]);
    expect((await seen).map((event) => event.streamId)).toEqual([
      'loyaltyAccount-a-1',
      'loyaltyAccount-a-1',
      'loyaltyAccount-a-1',
      'loyaltyAccount-a-2',
    ]);
  });

  it('keeps snapshots per aggregate', async () => {
    const takenAt = new Date('2026-01-01T00:00:00.000Z');
    await snapshots.save({
      streamId: 'loyaltyAccount-a-1',
      version: 2n,
      schemaVersion: 1,
      state: { balance: 22 },
      takenAt,
    });
    expect((await snapshots.load('loyaltyAccount-a-1'))?.state).toEqual({ balance: 22 });
  });
});
