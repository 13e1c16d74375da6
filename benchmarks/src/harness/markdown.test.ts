import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import { summarize } from './stats.js';
import type { SuiteResult } from './suite-result.js';

const result: SuiteResult = {
  suite: 'core',
  mode: 'full',
  collectBeforeSamples: true,
  environment: {
    date: '2026-01-01T00:00:00.000Z',
    node: 'v20.20.2',
    v8: '11.3',
    platform: 'linux',
    arch: 'x64',
    cpuModel: 'AMD EPYC',
    cores: 2,
    totalMemoryMiB: 24000,
    execArgv: [],
    loadAverage: [1, 2, 3],
  },
  subject: { '@strata/core': '0.1.0 (sources, through tsx)' },
  parameters: {},
  cases: [
    {
      name: 'append',
      description: 'append',
      unit: 'events/s',
      basis: 'cpu',
      samples: [],
      summary: summarize([1000, 2000, 3000]),
      cpuSummary: summarize([1000, 2000, 3000]),
      wallSummary: summarize([500]),
    },
  ],
  measures: [{ name: 'heap', unit: 'bytes/event', samples: [250], summary: summarize([250]) }],
  targets: [
    {
      target: { kind: 'limit', name: 'heap', measure: 'heap', unit: 'bytes', atMost: 300, source: 'test' },
      value: 250,
      spread: summarize([250]),
      verdict: 'PASS',
      gross: false,
    },
  ],
};

describe('renderMarkdown', () => {
  it('gives the run, one row per case, measure and target, with the verdict in bold', () => {
    const text = renderMarkdown(result);
    expect(text).toContain('node v20.20.2, 2 cores (AMD EPYC), load average 1.0 / 2.0 / 3.0');
    expect(text).toContain('| append | 2,000 | 1,500 – 2,500 | 1,000 – 3,000 | 500 | 3 |');
    expect(text).toContain('| heap (bytes/event) | 250.0 | 250.0 – 250.0 | 1 |');
    expect(text).toContain('| heap | 250.0 | 250.0 – 250.0 | ≤ 300 bytes | **PASS** |');
  });

  it('heads a table of wall rates as such, with the client CPU rate beside them', () => {
    const [only] = result.cases;
    const wall = { ...only!, basis: 'wall' as const, cpuSummary: summarize([9000]) };
    const text = renderMarkdown({ ...result, cases: [wall] });
    expect(text).toContain('| case | events/s wall (median) |');
    expect(text).toContain('| append | 2,000 | 1,500 – 2,500 | 1,000 – 3,000 | 9,000 | 3 |');
  });
});
