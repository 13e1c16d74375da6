import type { SuiteResult } from './suite-result.js';
import { caseColumns, formatNumber, goalText, valueText } from './table.js';

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
    ...caseTable(result),
    ...(result.measures.length === 0
      ? []
      : [
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
        ]),
    '',
    row(['target', 'value (median)', 'min – max', 'target', 'verdict']),
    row(['---', '---:', '---:', '---:', '---']),
    ...result.targets.map((t) =>
      row([
        t.target.name,
        valueText(t, t.value),
        `${valueText(t, t.spread.min)} – ${valueText(t, t.spread.max)}`,
        goalText(t),
        `**${t.verdict}**${t.target.check === false ? ' (not checked)' : ''}`,
      ]),
    ),
  ];
  return lines.join('\n');
}

function caseTable(result: SuiteResult): string[] {
  const { header, cells } = caseColumns(result.cases);
  return [
    row(header),
    row(header.map((_, i) => (i === 0 ? '---' : '---:'))),
    ...result.cases.map((c) => row(cells(c))),
  ];
}
