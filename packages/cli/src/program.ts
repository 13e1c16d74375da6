import { Command, CommanderError } from 'commander';
import packageJson from '../package.json' with { type: 'json' };
import { deadLettersCommand } from './commands/dead-letters.js';
import { eventsCommand } from './commands/events.js';
import { projectionsCommand } from './commands/projections.js';
import type { Run } from './commands/run.js';
import { doctorCommand, migrateCommand } from './commands/store-admin.js';
import { sagasCommand } from './commands/sagas.js';
import { streamsCommand } from './commands/streams.js';
import { CliContext, type GlobalOptions } from './context.js';
import { CliError } from './errors/cli-error.js';
import { colours } from './output/render.js';

/** One line: what went wrong (and where), then what to do; the stack only with --verbose. */
export function describeError(error: unknown, verbose: boolean): { text: string; exitCode: number } {
  const c = colours(process.stderr);
  if (error instanceof CliError)
    return {
      text: `${c.red('error:')} ${error.message} (${error.hint})${verbose && error.stack ? `\n${error.stack}` : ''}`,
      exitCode: error.exitCode,
    };
  const err = error instanceof Error ? error : new Error(String(error));
  const code = (err as { code?: unknown }).code;
  // EventStoreDB's client retries, then reports the server as unavailable.
  const unreachable = /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|UNAVAILABLE|connect/i.test(
    `${String(code)} ${err.message}`,
  );
  const hint = unreachable
    ? 'is the database running? check --store, STRATA_STORE_URL or the config'
    : 'run again with --verbose for the stack';
  const message =
    err.message || (err as AggregateError).errors?.map((e: Error) => e.message).join('; ') || err.name;
  return {
    text: `${c.red('error:')} ${err.name}${typeof code === 'string' ? ` [${code}]` : ''}: ${message} (${hint})${verbose && err.stack ? `\n${err.stack}` : ''}`,
    exitCode: 1,
  };
}

/** The `strata` command. */
export function createProgram(): Command {
  const program = new Command('strata')
    .description('operate a Strata event store: streams, events, migrations, projections, dead letters')
    .option('-c, --config <file>', 'config file (default: strata.config.ts|mjs|json from here upwards)')
    .option('-s, --store <url>', 'store URL (overrides STRATA_STORE_URL and the config)')
    .option('--schema <name>', 'PostgreSQL schema of the store (default from the config, else strata)')
    .option('-v, --verbose', 'print stacks with errors')
    .version(packageJson.version, '-V, --version', 'print the version of @strata/cli')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(colours(process.stderr).red(text)) });

  const run: Run = async (work) => {
    const ctx = await CliContext.open(program.opts<GlobalOptions>());
    try {
      await work(ctx);
    } finally {
      await ctx.close();
    }
  };
  for (const command of [
    streamsCommand(run),
    eventsCommand(run),
    migrateCommand(run),
    doctorCommand(run),
    projectionsCommand(run),
    deadLettersCommand(run),
    sagasCommand(run),
  ])
    program.addCommand(command);
  // Subcommands inherit exitOverride, so usage errors reach `main` as CommanderError.
  const override = (cmd: Command) => {
    cmd.exitOverride();
    cmd.commands.forEach(override);
  };
  override(program);
  const every = program.commands.flatMap((group) =>
    group.commands.length === 0
      ? [[group.name(), group.description()]]
      : group.commands.map((sub) => [`${group.name()} ${sub.name()}`, sub.description()]),
  );
  const width = Math.max(...every.map(([name]) => (name ?? '').length));
  program.addHelpText(
    'after',
    `\nEvery command:\n${every.map(([name, text]) => `  ${(name ?? '').padEnd(width)}  ${text ?? ''}`).join('\n')}\n\nExample:\n  $ strata --store pglite:./data streams list`,
  );
  return program;
}

/** Parses argv, runs the command, and gives the exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = createProgram();
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version are "errors" with exit code 0 in commander.
      if (error.exitCode === 0) return 0;
      return 2;
    }
    const { text, exitCode } = describeError(error, program.opts<GlobalOptions>().verbose === true);
    process.stderr.write(`${text}\n`);
    return exitCode;
  }
}
