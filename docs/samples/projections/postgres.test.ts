import { describe, expect, it } from 'vitest';
import { run } from './postgres.js';

describe('projections: PostgreSQL target (PGlite)', () => {
  it('writes own tables and documents with the checkpoint', { timeout: 60_000 }, async () => {
    const { last, rows, status } = await run();
    expect(last).toEqual({ reason: 'review' });
    expect(rows).toEqual([{ points: 15 }]);
    expect(status).toMatchObject([{ name: 'ledger', position: 2n, state: 'idle' }]);
  });
});
