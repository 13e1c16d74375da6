import { describe, expect, it } from 'vitest';
import { parseCli } from './cli.js';

describe('parseCli', () => {
  it('defaults to a full run of every suite, collecting before samples, without the regression check', () => {
    expect(parseCli([])).toEqual({ quick: false, check: false, steady: false, suites: [] });
  });

  it('reads --quick, --check, --steady and suite names, ignoring the -- that pnpm passes on', () => {
    expect(parseCli(['--', '--quick', 'core', '--check', '--steady'])).toEqual({
      quick: true,
      check: true,
      steady: true,
      suites: ['core'],
    });
  });

  it('rejects an unknown flag', () => {
    expect(() => parseCli(['--fast'])).toThrow();
  });
});
