// The shapes in core.md are core's declarations word for word, doc comments included: this
// compares each exported interface and type of the shape files with core's source.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

type Declarations = Map<string, string>;

function declarationsOf(file: string, into: Declarations = new Map()): Declarations {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  for (const statement of source.statements) {
    const exported = ts
      .getModifiers(statement as ts.HasModifiers)
      ?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (exported && (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement))) {
      // getStart(…, true) starts at the JSDoc, so the comment is part of what is compared.
      const text = source.text.slice(statement.getStart(source, true), statement.end);
      into.set(
        statement.name.text,
        text.replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim(),
      );
    }
  }
  return into;
}

const coreSrc = join(dirname(createRequire(import.meta.url).resolve('@strata/core/package.json')), 'src');
const core: Declarations = new Map();
for (const path of readdirSync(coreSrc, { recursive: true, encoding: 'utf8' })) {
  if (path.endsWith('.ts') && !path.endsWith('.test.ts')) declarationsOf(join(coreSrc, path), core);
}
const shown = declarationsOf(join(import.meta.dirname, 'shapes.ts'));
declarationsOf(join(import.meta.dirname, 'metadata-shape.ts'), shown);

describe('core: the shapes in core.md are core source, word for word', () => {
  it('finds the shapes', () => {
    expect(shown.size).toBeGreaterThan(25);
  });

  it.each([...shown.keys()])('%s', (name) => {
    expect(core.has(name), `core exports no interface or type '${name}'`).toBe(true);
    expect(shown.get(name)).toBe(core.get(name));
  });
});
