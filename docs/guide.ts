import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { codeBlocksOf, regionId, regionsOf, type CodeBlock, type Region } from './samples-source.js';

/** The guide as the checks and `sync` see it: its pages, their blocks, and the sample regions. */
export interface Guide {
  readonly root: string;
  /** Absolute paths of the Markdown pages. */
  readonly pages: readonly string[];
  /** Absolute paths of the sample files (tests excluded). */
  readonly sampleFiles: readonly string[];
  readonly regions: readonly Region[];
  readonly regionsById: ReadonlyMap<string, Region>;
  readonly blocks: readonly CodeBlock[];
}

function filesUnder(dir: string, keep: (path: string) => boolean): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => !path.split(/[\\/]/).includes('node_modules') && keep(path))
    .map((path) => join(dir, path))
    .sort();
}

export function loadGuide(root: string = import.meta.dirname): Guide {
  const sampleFiles = filesUnder(join(root, 'samples'), (p) => p.endsWith('.ts') && !p.endsWith('.test.ts'));
  const regions = sampleFiles.flatMap((file) => regionsOf(relative(root, file), readFileSync(file, 'utf8')));
  // The repository's README shows a taste of the API: it is held to the same rule as the guide.
  const pages = [...filesUnder(root, (p) => p.endsWith('.md')), join(root, '..', 'README.md')];
  const blocks = pages.flatMap((file) => codeBlocksOf(relative(root, file), readFileSync(file, 'utf8')));
  return {
    root,
    pages,
    sampleFiles,
    regions,
    regionsById: new Map(regions.map((region) => [regionId(region), region])),
    blocks,
  };
}
