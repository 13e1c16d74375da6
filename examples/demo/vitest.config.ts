import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { conditions: ['@strata/source'] },
  ssr: { resolve: { conditions: ['@strata/source'] } },
  // The demo runs as a child process, on PGlite and the server: allow for a busy machine.
  test: { name: 'demo', include: ['src/**/*.test.ts'], testTimeout: 180_000 },
});
