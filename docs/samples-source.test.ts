import { describe, expect, it } from 'vitest';
import {
  codeBlocksOf,
  declaresOnly,
  dedent,
  firstDifference,
  nearestRegion,
  regionId,
  regionsOf,
  syncPage,
} from './samples-source.js';

describe('regionsOf', () => {
  it('gives each region dedented, nested markers left out, and the whole file', () => {
    const source = [
      "import { x } from 'y';",
      'export function f() {',
      '  // #region outer',
      '  const a = 1;',
      '  // #region inner',
      '  if (a) {',
      '    g();',
      '  }',
      '  // #endregion',
      '  // #endregion',
      '}',
    ].join('\n');
    const regions = regionsOf('f.ts', source);
    expect(regions.find((r) => r.name === 'inner')?.code).toBe('if (a) {\n  g();\n}');
    expect(regions.find((r) => r.name === 'outer')?.code).toBe('const a = 1;\nif (a) {\n  g();\n}');
    expect(regions.find((r) => r.name === undefined)?.code).not.toContain('#region');
  });

  it('rejects unbalanced and duplicate markers', () => {
    expect(() => regionsOf('a.ts', '// #region a\nx')).toThrow(/'a' is never closed/);
    expect(() => regionsOf('b.ts', 'x\n// #endregion')).toThrow(/b.ts:2: #endregion without #region/);
    expect(() => regionsOf('c.ts', '// #region a\n// #endregion\n// #region a\n// #endregion')).toThrow(
      /defined twice/,
    );
  });
});

describe('codeBlocksOf', () => {
  it('reads language, tags, line and body of each fence', () => {
    const md = [
      '# T',
      '',
      '```ts',
      'const a = 1;',
      '```',
      '',
      '```ts no-check',
      'type A = 1;',
      '```',
      '```bash',
      'pnpm i',
      '```',
    ].join('\n');
    const blocks = codeBlocksOf('p.md', md);
    expect(blocks.map((b) => [b.lang, b.tags, b.line, b.code])).toEqual([
      ['ts', [], 3, 'const a = 1;'],
      ['ts', ['no-check'], 7, 'type A = 1;'],
      ['bash', [], 10, 'pnpm i'],
    ]);
  });

  it('takes the sample marker above a fence, blank lines between or not, and no other line', () => {
    const md = [
      '<!-- sample: samples/a.ts#tight -->',
      '```ts',
      'a();',
      '```',
      '<!-- sample: samples/a.ts#spaced -->',
      '',
      '```ts',
      'b();',
      '```',
      'Some prose.',
      '```ts',
      'c();',
      '```',
    ].join('\n');
    expect(codeBlocksOf('p.md', md).map((b) => b.source)).toEqual([
      'samples/a.ts#tight',
      'samples/a.ts#spaced',
      undefined,
    ]);
  });
});

describe('helpers', () => {
  it('dedent keeps relative indentation and blank lines', () => {
    expect(dedent(['    a', '', '      b'])).toBe('a\n\n  b');
  });

  it('nearestRegion picks the region sharing most lines; firstDifference names the line', () => {
    const regions = regionsOf('s.ts', '// #region one\nconst a = 1;\nconst b = 2;\n// #endregion');
    expect(nearestRegion('const a = 1;\nconst b = 3;', regions)?.name).toBe('one');
    expect(firstDifference('x\ny', 'x\nz')).toEqual({ line: 2, expected: 'y', actual: 'z' });
  });
});

describe('syncPage', () => {
  it('refreshes each marked block from its region and leaves the rest alone', () => {
    const regions = new Map(
      regionsOf('samples/a.ts', '// #region one\nconst a = 2;\nconst b = 3;\n// #endregion').map((r) => [
        regionId(r),
        r,
      ]),
    );
    const page = [
      '# P',
      '<!-- sample: samples/a.ts#one -->',
      '```ts',
      'const a = 1;',
      '```',
      '```ts',
      'free',
      '```',
    ].join('\n');
    const synced = syncPage('p.md', page, regions);
    expect(synced).toBe(
      [
        '# P',
        '<!-- sample: samples/a.ts#one -->',
        '```ts',
        'const a = 2;',
        'const b = 3;',
        '```',
        '```ts',
        'free',
        '```',
      ].join('\n'),
    );
    expect(codeBlocksOf('p.md', synced)[0]!.source).toBe('samples/a.ts#one');
    expect(() => syncPage('p.md', page.replace('#one', '#two'), regions)).toThrow(
      "p.md:3: no sample region 'samples/a.ts#two'",
    );
  });
});

describe('declaresOnly', () => {
  it('accepts types and signatures, refuses statements', () => {
    expect(declaresOnly('interface A {\n  readonly b: string;\n}\ntype C = A | null;')).toBe(true);
    expect(declaresOnly('declare function f(x: number): Promise<void>;')).toBe(true);
    expect(declaresOnly('const a = 1;')).toBe(false);
    expect(declaresOnly('await store.close();')).toBe(false);
    expect(declaresOnly('accounts.save(account);')).toBe(false);
    expect(declaresOnly('throw new Error("x");')).toBe(false);
  });
});
