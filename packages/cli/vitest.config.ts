import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/test-support/build-cli.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
