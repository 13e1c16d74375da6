import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// By file URL: `--import tsx` would resolve from the child's working directory.
const tsxLoader = pathToFileURL(join(packageDir, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Starts the built `strata` (`dist/cli.js`, which the global setup builds) as a child process.
 * Its `@strata/*` imports resolve to their TypeScript sources (the `@strata/source` condition,
 * loaded by tsx), so the other packages need no build.
 */
export function startCli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): ChildProcess {
  return spawn(
    process.execPath,
    ['--conditions=@strata/source', '--import', tsxLoader, join(packageDir, 'dist/cli.js'), ...args],
    {
      cwd: options.cwd ?? packageDir,
      env: { ...process.env, NO_COLOR: '1', STRATA_STORE_URL: '', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

export function cli(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  return collect(startCli(args, options));
}

/** A folder holding a `strata.config.ts` of the loyalty example on `url` (schema `schema`). */
export function configDir(url: string, schema: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-cli-'));
  const fixture = join(packageDir, 'src/test-support/loyalty.ts');
  writeFileSync(
    join(dir, 'strata.config.ts'),
    `import { projections, sagas } from ${JSON.stringify(fixture)};\n` +
      `export default { store: ${JSON.stringify(url)}, schema: ${JSON.stringify(schema)}, projections, sagas };\n`,
  );
  return dir;
}

/**
 * A folder holding a `strata.config.ts` on an EventStoreDB URL: the loyalty example, with read
 * models in the PostgreSQL database and schema `readModels` names (checkpoints stay in
 * EventStoreDB), or no target.
 */
export function esdbConfigDir(url: string, readModels?: { url: string; schema: string }): string {
  const dir = mkdtempSync(join(tmpdir(), 'strata-cli-esdb-'));
  const fixture = join(packageDir, 'src/test-support/loyalty.ts');
  const target = join(packageDir, 'src/test-support/read-models-elsewhere.ts');
  const make =
    readModels === undefined
      ? ''
      : `, target: () => new ReadModelsElsewhere(${JSON.stringify(readModels.url)}, ${JSON.stringify(readModels.schema)})`;
  writeFileSync(
    join(dir, 'strata.config.ts'),
    `import { projections, sagas } from ${JSON.stringify(fixture)};\n` +
      `import { ReadModelsElsewhere } from ${JSON.stringify(target)};\n` +
      `export default { store: ${JSON.stringify(url)}, projections, sagas${make} };\n`,
  );
  return dir;
}
