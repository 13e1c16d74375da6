// The guide's links must lead somewhere: an existing file, a heading that exists, or a page
// that the map (README.md) lists as coming.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, linksOf, slugOf } from './guide-links.js';

const root = import.meta.dirname;
const pages = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((p) => p.endsWith('.md') && !p.split(/[\\/]/).includes('node_modules'))
  .sort();
const map = readFileSync(join(root, 'README.md'), 'utf8');
const coming = new Set(
  map
    .split('\n')
    .filter((line) => /\|\s*coming\s*\|\s*$/.test(line))
    .flatMap((line) => [...line.matchAll(/\]\(([^)#]+)\)/g)].map((m) => m[1]!)),
);

describe('guide links', () => {
  it('slugs headings as GitHub does', () => {
    expect(slugOf('`append(streamId, events, { expectedRevision })`')).toBe(
      'appendstreamid-events--expectedrevision-',
    );
    expect([...anchorsOf('# A\n## A\n```\n# not a heading\n```')]).toEqual(['a', 'a-1']);
    expect(linksOf('[x](a.md#b) `[y](no.md)` [z](https://e.org)')).toEqual(['a.md#b']);
  });

  it.each(pages)('every link of %s resolves', (page) => {
    const text = readFileSync(join(root, page), 'utf8');
    const broken: string[] = [];
    for (const link of linksOf(text)) {
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? join(root, page) : join(dirname(join(root, page)), path);
      const fromRoot = relative(root, target);
      if (!existsSync(target)) {
        if (!coming.has(fromRoot))
          broken.push(`${link}: no such file, and README.md does not list it as coming`);
        continue;
      }
      if (anchor !== undefined && !anchorsOf(readFileSync(target, 'utf8')).has(anchor)) {
        broken.push(`${link}: no heading with anchor #${anchor}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
