import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Runs the broken-store fixtures on their own (contract-teeth.test.ts spawns it): they are
// meant to fail, so the package's own test glob (*.test.ts) leaves them out.
export default defineConfig({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  // Keep vitest's cache with the package's, not beside the sources.
  cacheDir: fileURLToPath(new URL('../../../node_modules/.vite-contract-teeth', import.meta.url)),
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['*.fixture.ts'],
  },
});
