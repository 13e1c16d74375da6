import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestServer } from '../../../../packages/eventstoredb/src/test-server/test-server.js';

// The samples run against the EventStoreDB test server of @strata/eventstoredb.
const server = new TestServer();
beforeAll(() => server.start());
afterAll(() => server.stop());

describe('stores/eventstoredb: quick start', () => {
  it('appends, reads the stream back, and reads the $ce- category stream', async () => {
    process.env.EVENTSTOREDB_URL = server.url;
    const { history, category } = await import('./quick-start.js');
    delete process.env.EVENTSTOREDB_URL;
    expect(history.map((event) => [event.revision, event.type])).toEqual([[0n, 'loyalty.customer.enrolled']]);
    expect(category).toEqual(history);
  });
});
