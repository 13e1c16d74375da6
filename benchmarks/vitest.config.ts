import { defineProject } from 'vitest/config';

// Unit tests of the harness only: benchmarks themselves never run as tests (no timed assertions).
export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  test: { name: 'benchmarks', include: ['src/**/*.test.ts'] },
});
