import { describe, expect, it } from 'vitest';
import { StatementNames } from './statement-names.js';

describe('StatementNames', () => {
  it('gives one text one name, and two texts two names', () => {
    const names = new StatementNames();
    const a = names.nameOf('select 1');
    expect(a).toMatch(/^strata_[0-9a-f]{32}$/);
    expect(names.nameOf('select 1')).toBe(a);
    expect(names.nameOf('select 2')).not.toBe(a);
    // Another driver names the same text alike: names depend on the text alone.
    expect(new StatementNames().nameOf('select 1')).toBe(a);
  });

  it('stops naming new texts after 128, and keeps the names it gave', () => {
    const names = new StatementNames();
    const first = names.nameOf('select 0');
    for (let i = 1; i < 128; i++) expect(names.nameOf(`select ${i}`)).toBeDefined();
    expect(names.nameOf('select 128')).toBeUndefined();
    expect(names.nameOf('select 0')).toBe(first);
  });
});
