import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/build-cli.ts'],
    // Each test runs the binary a few times, and each run loads the sources through tsx: on a
    // busy machine one run can take many seconds.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
