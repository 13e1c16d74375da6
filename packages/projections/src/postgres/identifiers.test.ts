import { describe, expect, it } from 'vitest';
import { ProjectionConfigError } from '../errors/projection-errors.js';
import { buildPrefix, buildTable, quote } from './identifiers.js';

describe('read-model table names', () => {
  it('are per build, safe, distinct for names that slug alike, and fit in 63 bytes', () => {
    expect(buildTable({ name: 'ledger', version: 2, generation: 1 }, 'earned')).toBe('rm_ledger_v2_1_earned');
    const a = buildPrefix({ name: 'Account-Balances', version: 1, generation: 0 });
    const b = buildPrefix({ name: 'account_balances', version: 1, generation: 0 });
    expect(a).not.toBe(b);
    expect(a).toMatch(/^rm_account_balances_[0-9a-f]{7}_v1_0_$/);
    expect(buildPrefix({ name: 'x'.repeat(100), version: 1, generation: 0 }).length).toBeLessThan(40);
    expect(() => buildTable({ name: 'p', version: 1, generation: 0 }, 'Drop Table')).toThrow(
      ProjectionConfigError,
    );
    expect(() => buildTable({ name: 'p', version: 1, generation: 0 }, 'a'.repeat(60))).toThrow(/63 bytes/);
    expect(quote('we"ird')).toBe('"we""ird"');
  });
});
