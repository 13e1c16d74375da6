import { defineConfig } from 'vitest/config';
import type { Reporter } from 'vitest/node';

// Ends the run with one plain line, `N passed, N failed[, N skipped]`, that any CI can read.
const summary: Reporter = {
  onTestRunEnd(testModules, unhandledErrors) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (module.state() === 'failed' && ![...module.children.allTests()].length) failed++;
    }
    failed += unhandledErrors.length;
    process.stdout.write(
      `\nTests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
    );
  },
};

// One vitest run over every package, example, the docs samples and the benchmarks' harness.
export default defineConfig({
  test: {
    reporters: ['default', summary],
    projects: [
      'packages/*/vitest.config.ts',
      'examples/*/vitest.config.ts',
      '{docs,benchmarks}/vitest.config.ts',
    ],
  },
});
