// `pnpm --filter @strata/benchmarks markdown [suite]`: prints a suite's committed result
// (results/<suite>.json) as the Markdown tables of docs/benchmarks.md.
import { readFile } from 'node:fs/promises';
import { resultPath } from './core.bench.js';
import { renderMarkdown } from './harness/markdown.js';
import type { SuiteResult } from './harness/suite-result.js';

const suite = process.argv.slice(2).find((arg) => arg !== '--') ?? 'core';
const result = JSON.parse(await readFile(resultPath(suite, false), 'utf8')) as SuiteResult;
console.log(renderMarkdown(result));
