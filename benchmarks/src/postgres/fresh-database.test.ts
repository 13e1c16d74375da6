import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_PG_TYPES } from './fresh-database.js';

describe('DEFAULT_PG_TYPES', () => {
  const original = pg.types.getTypeParser(20, 'text') as (value: string) => unknown;
  afterEach(() => pg.types.setTypeParser(20, original));

  it("keeps pg's default parsers after someone replaces them globally, as Emmett's driver does", () => {
    pg.types.setTypeParser(20, (value: string) => BigInt(value));
    const parse = DEFAULT_PG_TYPES.getTypeParser(20, 'text') as (value: string) => unknown;
    expect(parse('12')).toBe('12');
    // Types nobody replaced still come from pg.
    const text = DEFAULT_PG_TYPES.getTypeParser(23, 'text') as (value: string) => unknown;
    expect(text('7')).toBe(7);
  });
});
