// `pnpm bench`: runs every suite, prints its table, writes its JSON. Flags: --quick (a short
// run), --check (exit 1 when a target is missed by more than half: gross regressions only),
// --steady (no garbage collection before each sample).
import { runCoreSuite, resultPath } from './core.bench.js';
import { runEmmettSuite } from './emmett.bench.js';
import { parseCli } from './harness/cli.js';
import { runPostgresSuite } from './postgres.bench.js';
import { renderReport, writeJson } from './harness/report.js';
import type { SuiteResult } from './harness/suite-result.js';

const SUITES: Record<string, (options: { quick: boolean; steady: boolean }) => Promise<SuiteResult>> = {
  core: runCoreSuite,
  postgres: runPostgresSuite,
  emmett: runEmmettSuite,
};

const options = parseCli(process.argv.slice(2));
const chosen = options.suites.length > 0 ? options.suites : Object.keys(SUITES);
let gross = 0;
for (const name of chosen) {
  const run = SUITES[name];
  if (!run) throw new Error(`no suite '${name}'; the suites are: ${Object.keys(SUITES).join(', ')}`);
  const result = await run(options);
  const path = resultPath(name, options.quick, options.steady);
  await writeJson(path, result);
  console.log(`${renderReport(result)}\n\nwrote ${path}\n`);
  gross += result.targets.filter((t) => t.gross).length;
}
if (options.check && gross > 0) {
  console.error(`${gross} target(s) missed by more than half: a gross regression`);
  process.exitCode = 1;
}
