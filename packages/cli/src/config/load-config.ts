import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CliError } from '../errors/cli-error.js';
import type { StrataConfig } from './strata-config.js';

export const CONFIG_NAMES = [
  'strata.config.ts',
  'strata.config.mts',
  'strata.config.mjs',
  'strata.config.js',
  'strata.config.json',
];

/** The first config file in `cwd` or a folder above it. */
export function findConfig(cwd: string): string | undefined {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of CONFIG_NAMES) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export interface LoadedConfig {
  readonly config: Partial<StrataConfig>;
  readonly path: string | undefined;
}

function bad(path: string, problem: string, cause?: unknown): CliError {
  return new CliError(
    'BAD_CONFIG',
    `config file ${path}: ${problem}`,
    'fix the file (it must export { store: "<url>", projections?, target? }) or pass --config <file>',
    2,
    { cause },
  );
}

async function importConfig(path: string): Promise<unknown> {
  if (path.endsWith('.json')) {
    try {
      return JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (error) {
      throw bad(path, `is not valid JSON (${(error as Error).message})`, error);
    }
  }
  try {
    // tsx loads TypeScript configs (and their TypeScript imports) without a build step.
    const { tsImport } = await import('tsx/esm/api');
    const module = (await tsImport(pathToFileURL(path).href, import.meta.url)) as Record<string, unknown>;
    // A .ts file loaded as CommonJS nests the default export once more.
    let value: unknown = module;
    while (value !== null && typeof value === 'object' && 'default' in value && value.default !== undefined)
      value = value.default;
    return value;
  } catch (error) {
    throw bad(path, `could not be loaded (${(error as Error).message.split('\n')[0] ?? ''})`, error);
  }
}

/** Loads `--config` or the config found from `cwd` upwards; no config is fine when a URL is given. */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<LoadedConfig> {
  const path = explicit !== undefined ? resolve(cwd, explicit) : findConfig(cwd);
  if (path === undefined) return { config: {}, path: undefined };
  if (!existsSync(path))
    throw new CliError(
      'CONFIG_NOT_FOUND',
      `config file ${path} does not exist`,
      'check the --config path',
      2,
    );
  const value = await importConfig(path);
  if (value === null || typeof value !== 'object') throw bad(path, 'does not export an object');
  const config = value as Partial<StrataConfig>;
  if (config.store !== undefined && typeof config.store !== 'string')
    throw bad(path, `"store" must be a URL string, got ${typeof config.store}`);
  if (config.projections !== undefined && !Array.isArray(config.projections))
    throw bad(path, '"projections" must be an array of projection definitions');
  if (config.sagas !== undefined && !Array.isArray(config.sagas))
    throw bad(path, '"sagas" must be an array of saga definitions');
  if (config.target !== undefined && typeof config.target !== 'function')
    throw bad(path, '"target" must be a function (store) => ReadModelTarget');
  return { config, path };
}
