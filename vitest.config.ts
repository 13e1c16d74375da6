import { defineConfig } from 'vitest/config';

// One vitest run over every package and example, so `pnpm test` prints one summary.
export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'examples/*/vitest.config.ts', 'docs/vitest.config.ts', 'benchmarks/vitest.config.ts'],
  },
});
