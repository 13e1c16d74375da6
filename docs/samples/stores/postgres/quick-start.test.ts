import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore, toArray } from '@strata/core';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = await mkdtemp(join(tmpdir(), 'strata-docs-'));
const url = `pglite:${dataDir}`;
afterAll(() => rm(dataDir, { recursive: true, force: true }));

describe('stores/postgres: quick start on PGlite', () => {
  // PGlite starts a WebAssembly PostgreSQL (initdb on first use): seconds, more on a busy machine.
  it(
    'appends and reads back, and the events are on disk when the store is reopened',
    { timeout: 60_000 },
    async () => {
      process.env.STRATA_STORE_URL = url;
      const { history } = await import('./quick-start.js');
      delete process.env.STRATA_STORE_URL;
      expect(history.map((event) => [event.revision, event.type])).toEqual([
        [0n, 'loyalty.customer.enrolled'],
      ]);
      const reopened = createEventStore(url);
      expect(await toArray(reopened.readStream('loyaltyAccount-a-1'))).toEqual(history);
      await reopened.close();
    },
  );
});
