import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  test: { name: 'example-orders', include: ['src/**/*.test.ts'], testTimeout: 20_000 },
});
