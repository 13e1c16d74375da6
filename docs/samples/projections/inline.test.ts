import { describe, expect, it } from 'vitest';
import { readYourWrites } from './inline.js';

describe('projections: inline on PostgreSQL (PGlite)', () => {
  it('the read model is written in the append’s transaction', { timeout: 60_000 }, async () => {
    expect(await readYourWrites()).toEqual({ points: 25 });
  });
});
