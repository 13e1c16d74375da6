// Run as a child process by sigkill.heavy.test.ts: builds the projection to the end, then exits.
// It runs as a service would (start), so after a SIGKILL it waits for the dead one's lease to lapse.
import { PostgresEventStore } from '@strata/postgres';
import { PostgresReadModelTarget } from '../postgres.js';
import { ProjectionRunner } from '../runner/projection-runner.js';
import { crashTotals } from './crash-projection.js';

const store = new PostgresEventStore({
  url: process.env.STRATA_POSTGRES_URL!,
  schema: process.env.CRASH_SCHEMA!,
});
const target = new PostgresReadModelTarget({ store });
const runner = new ProjectionRunner({
  store,
  target,
  projections: [crashTotals('crash-totals')],
  batchSize: 500,
  lease: { ttlMs: 1_000, renewEveryMs: 200 },
});
await runner.start();
while (runner.status()[0]?.state !== 'live') await new Promise((resolve) => setTimeout(resolve, 100));
await runner.stop();
process.stdout.write(`done ${runner.status()[0]?.position}\n`);
await store.close();
