// Using @strata/cli from code: programmatic.test.ts runs it.
// #region imports
import { CliError, createProgram, findConfig, loadConfig, main } from '@strata/cli';
// #endregion imports

export async function runMain(): Promise<number> {
  // #region main
  // The same as `strata --store memory: events stats --json`; output goes to stdout, errors to stderr.
  const exitCode = await main(['--store', 'memory:', 'events', 'stats', '--json']);
  // 0 ok, 1 failure, 2 usage error: a bin script ends with process.exit(exitCode)
  // #endregion main
  return exitCode;
}

export function commandNames(): string[] {
  // #region program
  const program = createProgram(); // a commander Command: add your own subcommands, or read its help
  const names = program.commands.map((command) => command.name());
  // ['streams', 'events', 'migrate', 'doctor', 'projections', 'dead-letters', 'sagas']
  // #endregion program
  return names;
}

export async function configOf(dir: string) {
  // #region load-config
  const path = findConfig(dir); // strata.config.ts|mts|mjs|js|json in dir or a folder above; else undefined
  const { config } = await loadConfig(undefined, dir); // { config: Partial<StrataConfig>, path }
  // config.store, config.projections … as the file exports them; {} when there is no file
  // #endregion load-config
  return { path, config };
}

export async function badConfig(dir: string) {
  // #region cli-error
  try {
    await loadConfig('missing.config.ts', dir);
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    // error.code: 'CONFIG_NOT_FOUND', error.hint: 'check the --config path', error.exitCode: 2
    return error;
  }
  // #endregion cli-error
  return undefined;
}
