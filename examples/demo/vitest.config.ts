import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  test: { name: 'demo', include: ['src/**/*.test.ts'], testTimeout: 180_000 },
});
