import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Vitest global setup: builds `dist/cli.js` once, so the tests run the built binary (its
 * `@strata/*` imports still resolve to their sources through the `@strata/source` condition).
 * Paths are absolute: the suite also runs from the repository root.
 */
export default async function setup(): Promise<void> {
  await build({
    entry: [join(packageDir, 'src/cli.ts')],
    format: ['esm'],
    target: 'node20',
    outDir: join(packageDir, 'dist'),
    clean: false,
    config: false,
    // Packages stay imports, as in `pnpm build` (from the root tsup would bundle them).
    external: [/^[^./]/],
    silent: true,
    banner: { js: '#!/usr/bin/env node' },
  });
}
