import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  test: {
    name: 'projections',
    include: ['src/**/*.test.ts'],
    // The SIGKILL crash test over 100k events takes minutes: only with STRATA_HEAVY=1.
    exclude: process.env.STRATA_HEAVY ? [] : ['src/**/*.heavy.test.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
