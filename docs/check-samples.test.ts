// Every TypeScript block of the guide must be a region of a tested sample file (or a whole one),
// so a snippet in the Markdown cannot drift from code that compiles and runs.
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadGuide } from './guide.js';
import {
  CHECKED_LANGS,
  NO_CHECK,
  declaresOnly,
  firstDifference,
  nearestRegion,
  regionId,
  type CodeBlock,
} from './samples-source.js';

const guide = loadGuide();
const byCode = new Map(guide.regions.map((region) => [region.code, region]));
const checked = guide.blocks.filter((b) => CHECKED_LANGS.has(b.lang));
const exempt = checked.filter((b) => b.tags.includes(NO_CHECK));

/** Why a block fails the check, or undefined when it is a region (the marked one, if marked). */
function problemOf(block: CodeBlock): string | undefined {
  const marked = block.source !== undefined ? guide.regionsById.get(block.source) : undefined;
  if (block.source !== undefined && !marked) {
    return `${block.file}:${block.line}: the marker names '${block.source}', which is no sample region`;
  }
  if (marked ? marked.code === block.code : byCode.has(block.code)) return undefined;
  const near = marked ?? nearestRegion(block.code, guide.regions);
  if (!near)
    return `${block.file}:${block.line}: no sample region resembles this block; add it to docs/samples`;
  const diff = firstDifference(near.code, block.code);
  return (
    `${block.file}:${block.line}: the block is not ${marked ? 'its marked' : 'a sample'} region ` +
    `(${marked ? '' : 'nearest: '}${regionId(near)}; run \`pnpm --filter @strata/docs sync\` for marked blocks). ` +
    `First difference at line ${diff.line}:\n  sample: ${diff.expected}\n  doc:    ${diff.actual}`
  );
}

describe('docs samples', () => {
  it('finds the guide and its samples', () => {
    expect(guide.pages.map((p) => relative(guide.root, p))).toEqual(
      expect.arrayContaining(['README.md', 'getting-started.md', 'core.md']),
    );
    expect(guide.sampleFiles.length).toBeGreaterThan(0);
  });

  it.each(guide.pages.map((p) => relative(guide.root, p)))(
    'every TypeScript block of %s is a tested sample region',
    (page) => {
      const problems = checked
        .filter((b) => b.file === page && !b.tags.includes(NO_CHECK))
        .map(problemOf)
        .filter((p) => p !== undefined);
      expect(problems, problems.join('\n\n')).toEqual([]);
    },
  );

  it('exempts only type shapes (no-check blocks run nothing) and lists them', () => {
    const running = exempt.filter((b) => !declaresOnly(b.code));
    expect(running.map((b) => `${b.file}:${b.line}`)).toEqual([]);
    // The list is printed so that a reviewer sees every block that no test backs.
    console.info(
      `docs: ${checked.length - exempt.length} checked TypeScript blocks; ${exempt.length} no-check` +
        exempt.map((b) => `\n  ${b.file}:${b.line}`).join(''),
    );
  });

  it('every sample file has a test beside it', () => {
    const untested = guide.sampleFiles.filter((f) => !existsSync(f.replace(/\.ts$/, '.test.ts')));
    expect(untested.map((f) => relative(guide.root, f))).toEqual([]);
  });
});
