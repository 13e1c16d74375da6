import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.js';

describe('parseCli', () => {
  it('defaults to a full run of every suite without the regression check', () => {
    expect(parseCli([])).toEqual({ quick: false, check: false, suites: [] });
  });

  it('reads --quick, --check and suite names, ignoring the -- that pnpm passes on', () => {
    expect(parseCli(['--', '--quick', 'core', '--check'])).toEqual({
      quick: true,
      check: true,
      suites: ['core'],
    });
  });

  it('rejects an unknown flag', () => {
    expect(() => parseCli(['--fast'])).toThrow();
  });
});
