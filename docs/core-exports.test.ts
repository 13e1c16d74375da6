// core.md must explain every public export of @strata/core: each name exported by
// packages/core/src/index.ts appears in backticks on the page.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = import.meta.dirname;
const coreDir = dirname(createRequire(import.meta.url).resolve('@strata/core/package.json'));
const index = readFileSync(join(coreDir, 'src/index.ts'), 'utf8');
const exported = [...index.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g)]
  .flatMap((m) => m[1]!.split(','))
  .map((name) =>
    name
      .replace(/^\s*type\s+/, '')
      .replace(/\s+as\s+.*$/, '')
      .trim(),
  )
  .filter(Boolean);
const page = readFileSync(join(root, 'core.md'), 'utf8');

describe('core.md covers @strata/core', () => {
  it('reads the export list', () => {
    expect(exported).toEqual(expect.arrayContaining(['defineEvent', 'Repository', 'EventStore', 'Draft']));
  });

  it('mentions every export in code style', () => {
    const missing = exported.filter((name) => !new RegExp('`' + name + '[`(<.]').test(page));
    expect(missing).toEqual([]);
  });
});
