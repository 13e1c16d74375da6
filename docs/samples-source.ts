/**
 * Reads the two sides that the samples check compares: regions of sample files and code
 * blocks of Markdown pages. Kept free of I/O so its rules can be tested on small strings.
 */

/** A named part of a sample file, between `// #region name` and `// #endregion`. */
export interface Region {
  readonly file: string;
  /** `undefined` for the whole file (markers stripped). */
  readonly name: string | undefined;
  readonly code: string;
}

/** A fenced code block of a Markdown page. */
export interface CodeBlock {
  readonly file: string;
  /** 1-based line of the opening fence. */
  readonly line: number;
  readonly lang: string;
  /** The words after the language on the fence line (`no-check`). */
  readonly tags: readonly string[];
  readonly code: string;
  /** `samples/x.ts#name` from a `<!-- sample: … -->` comment on the line before the fence. */
  readonly source: string | undefined;
  /** 0-based lines of the block's body in the page (first, and one past the last). */
  readonly bodyLines: readonly [number, number];
}

/** The comment that ties a block to its region, so `sync` can refresh it and the check can name it. */
export const SAMPLE_MARKER = /^\s*<!--\s*sample:\s*(\S+)\s*-->\s*$/;

const REGION_START = /^\s*\/\/\s*#region\s+(\S+)\s*$/;
const REGION_END = /^\s*\/\/\s*#endregion\b.*$/;

/** Removes the indentation every non-blank line shares, so a region inside a function reads flush left. */
export function dedent(lines: readonly string[]): string {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines
    .map((l) => (l.trim() === '' ? '' : l.slice(cut)))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

/**
 * Every region of a sample file, plus the whole file. Regions may nest; an outer region's
 * code leaves out the inner markers. Unbalanced or duplicate markers are an error.
 */
export function regionsOf(file: string, source: string): Region[] {
  const lines = source.split(/\r?\n/);
  const open: { name: string; lines: string[] }[] = [];
  const regions: Region[] = [];
  const whole: string[] = [];
  const seen = new Set<string>();
  lines.forEach((line, index) => {
    const start = REGION_START.exec(line);
    if (start) {
      const name = start[1]!;
      if (seen.has(name)) throw new Error(`${file}:${index + 1}: region '${name}' is defined twice`);
      seen.add(name);
      open.push({ name, lines: [] });
      return;
    }
    if (REGION_END.test(line)) {
      const done = open.pop();
      if (!done) throw new Error(`${file}:${index + 1}: #endregion without #region`);
      regions.push({ file, name: done.name, code: dedent(done.lines) });
      return;
    }
    for (const region of open) region.lines.push(line);
    whole.push(line);
  });
  if (open.length) throw new Error(`${file}: region '${open[open.length - 1]!.name}' is never closed`);
  regions.push({ file, name: undefined, code: dedent(whole) });
  return regions;
}

/** The fenced blocks of a Markdown page (``` or ~~~ fences, language and tags from the info string). */
/** The sample a fence at `fence` is marked with: the marker line above it, blank lines between allowed. */
function markerBefore(lines: readonly string[], fence: number): string | undefined {
  let at = fence - 1;
  while (at >= 0 && lines[at]!.trim() === '') at--;
  return at >= 0 ? SAMPLE_MARKER.exec(lines[at]!)?.[1] : undefined;
}

export function codeBlocksOf(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^(\s*)(`{3,}|~{3,})\s*([^`\s]*)\s*(.*)$/.exec(lines[i]!);
    if (!fence) continue;
    const [, indent = '', marker = '', lang = '', rest = ''] = fence;
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trimStart().startsWith(marker)) {
      body.push(lines[j]!.startsWith(indent) ? lines[j]!.slice(indent.length) : lines[j]!);
      j++;
    }
    blocks.push({
      file,
      line: i + 1,
      lang: lang.toLowerCase(),
      tags: rest.split(/\s+/).filter(Boolean),
      code: body.join('\n').replace(/^\n+|\n+$/g, ''),
      source: markerBefore(lines, i),
      bodyLines: [i + 1, j],
    });
    i = j;
  }
  return blocks;
}

/** Languages whose blocks must come from a sample file. */
export const CHECKED_LANGS: ReadonlySet<string> = new Set([
  'ts',
  'typescript',
  'js',
  'javascript',
  'mts',
  'tsx',
]);

/** The tag that exempts a block (type signatures and shapes only); the check lists every one. */
export const NO_CHECK = 'no-check';

/** Whether an exempt block only declares (types, signatures) and runs nothing. */
export function declaresOnly(code: string): boolean {
  return !/\bawait\b|\bnew\s|console\.|^\s*(export\s+)?(const|let|var)\s|^\s*[\w.]+\(.*\);?\s*$/m.test(code);
}

/** Lines that say something: closing brackets and blanks match everywhere, so they do not count. */
function meaningfulLines(code: string): Set<string> {
  return new Set(
    code
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l !== '' && !/^[\])};,]+$/.test(l)),
  );
}

/** The region most like `code` (Dice coefficient over meaningful lines): the likely source of a drifted block. */
export function nearestRegion(code: string, regions: readonly Region[]): Region | undefined {
  const wanted = meaningfulLines(code);
  let best: Region | undefined;
  let bestScore = 0;
  for (const region of regions) {
    const lines = meaningfulLines(region.code);
    const shared = [...lines].filter((l) => wanted.has(l)).length;
    const score = (2 * shared) / (lines.size + wanted.size || 1);
    if (score > bestScore) {
      best = region;
      bestScore = score;
    }
  }
  return best;
}

/** The first line at which two texts differ (1-based), for a message a person can act on. */
export function firstDifference(a: string, b: string): { line: number; expected: string; actual: string } {
  const left = a.split('\n');
  const right = b.split('\n');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i])
      return { line: i + 1, expected: left[i] ?? '(end)', actual: right[i] ?? '(end)' };
  }
  return { line: 0, expected: '', actual: '' };
}

/** The id of a region as markers write it: `samples/core/x.ts#name`, or the file alone. */
export function regionId(region: Region): string {
  return region.name === undefined ? region.file : `${region.file}#${region.name}`;
}

/**
 * The page with each marked block's body replaced by its region's code. Unknown markers are
 * an error naming the page and line, so a renamed region cannot leave a stale block behind.
 */
export function syncPage(file: string, markdown: string, regions: ReadonlyMap<string, Region>): string {
  const lines = markdown.split('\n');
  const blocks = codeBlocksOf(file, markdown).filter((b) => b.source !== undefined);
  // From the last block up, so earlier line numbers stay valid.
  for (const block of blocks.reverse()) {
    const region = regions.get(block.source!);
    if (!region) throw new Error(`${file}:${block.line}: no sample region '${block.source!}'`);
    const [start, end] = block.bodyLines;
    lines.splice(start, end - start, ...region.code.split('\n'));
  }
  return lines.join('\n');
}
