// Every public export of every package appears in the guide. For each entry point (a package's
// `src/index.ts`, and subpaths such as `@strata/projections/postgres`), the names it exports,
// values and types alike, are read with the TypeScript compiler API; each must appear in code
// style (`name`, `name(`, `name<` or `name.`) on the page(s) that document that package. The
// rule is per page, not "anywhere under docs/", so that a package's reader finds its whole API
// in one place, and so that names several packages export (`RetryPolicy`, `backoffDelay`,
// `LeaseLostError`, `DeadLetter`) are explained for each of them.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = import.meta.dirname;
const require = createRequire(import.meta.url);

interface EntryPoint {
  /** The import specifier users write. */
  readonly specifier: string;
  /** Source of the entry, relative to the package directory. */
  readonly source: string;
  /** The guide pages (relative to docs/) that must name every export. */
  readonly pages: readonly string[];
}

const entryPoints: readonly EntryPoint[] = [
  { specifier: '@strata/core', source: 'src/index.ts', pages: ['core.md', 'stores/memory.md'] },
  { specifier: '@strata/testing', source: 'src/index.ts', pages: ['testing.md'] },
  { specifier: '@strata/postgres', source: 'src/index.ts', pages: ['stores/postgres.md'] },
  { specifier: '@strata/eventstoredb', source: 'src/index.ts', pages: ['stores/eventstoredb.md'] },
  { specifier: '@strata/projections', source: 'src/index.ts', pages: ['projections.md'] },
  { specifier: '@strata/projections/postgres', source: 'src/postgres.ts', pages: ['projections.md'] },
  { specifier: '@strata/sagas', source: 'src/index.ts', pages: ['sagas.md'] },
  { specifier: '@strata/integration', source: 'src/index.ts', pages: ['integration-events.md'] },
  { specifier: '@strata/cli', source: 'src/index.ts', pages: ['cli.md'] },
];

function packageDirOf(specifier: string): string {
  const name = specifier.split('/').slice(0, 2).join('/');
  return dirname(require.resolve(`${name}/package.json`));
}

/**
 * The exported names of a module, from its syntax alone: `export { a, type B as C }`,
 * `export type { … }` and exported declarations. A star re-export is refused, since the names
 * it brings could not be read without resolving the whole program.
 */
export function exportedNames(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names: string[] = [];
  const isExported = (node: ts.Node): boolean =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (!statement.exportClause || !ts.isNamedExports(statement.exportClause)) {
        throw new Error(`${fileName}: 'export *' cannot be checked; name the exports`);
      }
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      }
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      isExported(statement) &&
      statement.name
    ) {
      names.push(statement.name.text);
    }
  }
  return [...new Set(names)].sort();
}

/** Whether a page names `name` in code style: `` `name` ``, `` `name( ``, `` `name< `` or `` `name. ``. */
export function mentions(page: string, name: string): boolean {
  return new RegExp('`' + name.replace(/\$/g, '\\$') + '[`(<.]').test(page);
}

const readPage = (page: string): string => readFileSync(join(root, page), 'utf8');

describe('the guide covers every export of every package', () => {
  it('reads names from syntax as the module gives them at run time', async () => {
    expect(
      exportedNames(
        'x.ts',
        'export { a, type B, c as d } from "./a.js";\nexport type { E } from "./e.js";\n' +
          'export const f = 1;\nexport class G {}\nexport interface H {}\nconst hidden = 2;',
      ),
    ).toEqual(['B', 'E', 'G', 'H', 'a', 'd', 'f']);
    expect(() => exportedNames('x.ts', 'export * from "./a.js";')).toThrow(/export \*/);
    expect(mentions('see `Repository.load` and `forTenant(store)`', 'Repository')).toBe(true);
    expect(mentions('a RepositoryOptions word', 'Repository')).toBe(false);
    expect(mentions('`RepositoryOptions`', 'Repository')).toBe(false);
  });

  it.each(entryPoints)('$specifier: its runtime exports are among the names read', async (entry) => {
    const path = join(packageDirOf(entry.specifier), entry.source);
    const names = exportedNames(path, readFileSync(path, 'utf8'));
    const runtime = Object.keys((await import(entry.specifier)) as object).filter((k) => k !== 'default');
    expect(runtime.length).toBeGreaterThan(0);
    expect(runtime.filter((k) => !names.includes(k))).toEqual([]);
  });

  it.each(entryPoints)('$specifier: every export is named on $pages', (entry) => {
    const path = join(packageDirOf(entry.specifier), entry.source);
    const text = entry.pages.map(readPage).join('\n');
    const missing = exportedNames(path, readFileSync(path, 'utf8')).filter((name) => !mentions(text, name));
    expect(missing, `not named in ${entry.pages.join(' or ')}: ${missing.join(', ')}`).toEqual([]);
  });
});
