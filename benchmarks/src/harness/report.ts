import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SuiteResult } from './suite-result.js';
import { caseColumns, formatNumber, formatTable, goalText, valueText } from './table.js';

/** The readable form of a suite's result: rates, measures and the targets with their verdicts. */
export function renderReport(result: SuiteResult): string {
  const env = result.environment;
  const parts: string[] = [
    `${result.suite} (${result.mode}) — ${env.date}, node ${env.node}, ${env.cores} cores ${env.cpuModel}, ` +
      `load average ${env.loadAverage.map((l) => l.toFixed(1)).join(' ')}`,
    '',
    caseText(result),
  ];
  if (result.measures.length > 0) {
    parts.push(
      '',
      formatTable(
        ['measure', 'median', 'min – max', 'rounds'],
        result.measures.map((m) => [
          `${m.name} (${m.unit})`,
          formatNumber(m.summary.median, 1),
          `${formatNumber(m.summary.min, 1)} – ${formatNumber(m.summary.max, 1)}`,
          String(m.summary.n),
        ]),
      ),
    );
  }
  parts.push(
    '',
    formatTable(
      ['target', 'value', 'min – max', 'target', 'verdict', 'from'],
      result.targets.map((t) => [
        t.target.name,
        valueText(t, t.value),
        `${valueText(t, t.spread.min)} – ${valueText(t, t.spread.max)}`,
        goalText(t),
        t.verdict,
        t.target.check === false ? `${t.target.source} (not checked)` : t.target.source,
      ]),
    ),
  );
  return parts.join('\n');
}

function caseText(result: SuiteResult): string {
  const { header, cells } = caseColumns(result.cases);
  return formatTable(header, result.cases.map(cells));
}

export async function writeJson(path: string, result: SuiteResult): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(result, null, 2)}\n`);
}
