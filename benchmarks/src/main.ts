// `pnpm bench`: runs every suite, prints its table, writes its JSON. Flags: --quick (a short
// run), --check (exit 1 when a target is missed by more than half: gross regressions only),
// --steady (no garbage collection before each sample).
import { spawnSync } from 'node:child_process';
import { resultPath } from './core.bench.js';
import { parseCli } from './harness/cli.js';
import { renderReport, writeJson } from './harness/report.js';
import type { SuiteResult } from './harness/suite-result.js';
import { checkFailures } from './harness/targets.js';

type Suite = (options: { quick: boolean; steady: boolean }) => Promise<SuiteResult>;

// Loaded only when chosen: a suite's packages (Emmett, projections) need not load for another.
const SUITES: Record<string, () => Promise<Suite>> = {
  core: async () => (await import('./core.bench.js')).runCoreSuite,
  postgres: async () => (await import('./postgres.bench.js')).runPostgresSuite,
  emmett: async () => (await import('./emmett.bench.js')).runEmmettSuite,
  'emmett-postgres': async () => (await import('./emmett-postgres.bench.js')).runEmmettPostgresSuite,
  projections: async () => (await import('./projections.bench.js')).runProjectionsSuite,
};

const options = parseCli(process.argv.slice(2));
const chosen = options.suites.length > 0 ? options.suites : Object.keys(SUITES);
for (const name of chosen) {
  if (!SUITES[name]) throw new Error(`no suite '${name}'; the suites are: ${Object.keys(SUITES).join(', ')}`);
}

if (chosen.length > 1) {
  // One process per suite: what one suite leaves in V8 (optimised code, pretenured allocation
  // sites, a grown heap) must not change the next one's figures.
  const flags = process.argv.slice(2).filter((arg) => arg.startsWith('--') && arg !== '--');
  for (const name of chosen) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, name, ...flags], {
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exitCode = child.status ?? 1;
  }
} else {
  const name = chosen[0]!;
  const result = await (await SUITES[name]!())(options);
  const path = resultPath(name, options.quick, options.steady);
  await writeJson(path, result);
  console.log(`${renderReport(result)}\n\nwrote ${path}\n`);
  const failures = checkFailures(result.targets);
  if (options.check && failures.length > 0) {
    const names = failures.map((t) => t.target.name).join('; ');
    console.error(`${failures.length} target(s) missed by more than half, a gross regression: ${names}`);
    process.exitCode = 1;
  }
}
