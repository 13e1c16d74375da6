import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  test: {
    name: 'projections',
    include: ['src/**/*.test.ts'],
    // The SIGKILL crash test over 100k events takes about a minute; STRATA_LIGHT=1 leaves it out.
    exclude: process.env.STRATA_LIGHT ? ['src/**/*.heavy.test.ts'] : [],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
