import { defineProject } from 'vitest/config';

// Samples import @strata/* from source (the '@strata/source' export condition), so no build is needed.
// Vitest runs them as SSR modules, which take their conditions from ssr.resolve.
const conditions = ['@strata/source', 'module', 'node', 'development|production'];

export default defineProject({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: { name: 'docs', include: ['samples/**/*.test.ts', '*.test.ts'] },
});
