import type { SuiteResult } from './suite-result.js';
import { formatNumber, formatRatio } from './table.js';

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

/** The figures of a result as Markdown tables, for docs/benchmarks.md. */
export function renderMarkdown(result: SuiteResult): string {
  const env = result.environment;
  const lines = [
    `Run: ${env.date}, ${result.mode} mode, node ${env.node}, ${env.cores} cores (${env.cpuModel}), ` +
      `load average ${env.loadAverage.map((l) => l.toFixed(1)).join(' / ')}; ` +
      Object.entries(result.subject)
        .map(([name, version]) => `${name} ${version}`)
        .join(', ') +
      '.',
    '',
    row(['case', 'events/CPU-s (median)', 'p25 – p75', 'min – max', 'wall events/s (median)', 'rounds']),
    row(['---', '---:', '---:', '---:', '---:', '---:']),
    ...result.cases.map((c) =>
      row([
        c.name,
        formatNumber(c.summary.median),
        `${formatNumber(c.summary.p25)} – ${formatNumber(c.summary.p75)}`,
        `${formatNumber(c.summary.min)} – ${formatNumber(c.summary.max)}`,
        formatNumber(c.wallSummary.median),
        String(c.summary.n),
      ]),
    ),
    '',
    row(['measure', 'median', 'min – max', 'rounds']),
    row(['---', '---:', '---:', '---:']),
    ...result.measures.map((m) =>
      row([
        `${m.name} (${m.unit})`,
        formatNumber(m.summary.median, 1),
        `${formatNumber(m.summary.min, 1)} – ${formatNumber(m.summary.max, 1)}`,
        String(m.summary.n),
      ]),
    ),
    '',
    row(['target', 'value (median)', 'min – max', 'target', 'verdict']),
    row(['---', '---:', '---:', '---:', '---']),
    ...result.targets.map((t) => {
      const show = (v: number) => (t.target.kind === 'ratio' ? formatRatio(v) : formatNumber(v, 1));
      const goal =
        t.target.kind === 'ratio'
          ? `≥ ${formatRatio(t.target.atLeast)}`
          : `≤ ${formatNumber(t.target.atMost)} ${t.target.unit}`;
      return row([
        t.target.name,
        show(t.value),
        `${show(t.spread.min)} – ${show(t.spread.max)}`,
        goal,
        `**${t.verdict}**`,
      ]);
    }),
  ];
  return lines.join('\n');
}
