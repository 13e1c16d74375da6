import { PostgresEventStore } from '@strata/postgres';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { CliError } from '../errors/cli-error.js';
import { colours, print, toJson } from '../output/render.js';
import type { Run } from './run.js';

interface Check {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly fix?: string;
}

export function migrateCommand(run: Run): Command {
  return new Command('migrate')
    .description("apply the store's schema migrations (PostgreSQL, PGlite)")
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata migrate --store postgres://postgres@localhost/app')
    .action((options: { json?: boolean }) =>
      run(async (ctx) => {
        const report = await ctx.postgres('migrate').migrate();
        if (options.json) return print(toJson({ schema: ctx.postgres('migrate').schema, ...report }));
        print(
          report.applied.length === 0
            ? `schema ${ctx.postgres('migrate').schema} is up to date (version ${report.version})`
            : `applied migrations ${report.applied.join(', ')} to schema ${ctx.postgres('migrate').schema}; now at version ${report.version}`,
        );
      }),
    );
}

function connectionFailed(url: string, error: unknown): Check {
  return {
    check: 'connection',
    ok: false,
    detail: `${url}: ${(error as Error).message}`,
    fix: 'start the database or correct --store / STRATA_STORE_URL / the config',
  };
}

/** The target, or a failed check when there is none (an EventStoreDB store has no default one). */
function readModelTarget(ctx: CliContext): { target: ReturnType<CliContext['target']> } | { problem: Check } {
  try {
    return { target: ctx.target() };
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    return { problem: { check: 'target', ok: false, detail: error.message, fix: error.hint } };
  }
}

export function doctorCommand(run: Run): Command {
  return new Command('doctor')
    .description(
      'check the config, the connection, the schema and the projections; say how to fix what is wrong',
    )
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata doctor')
    .action((options: { json?: boolean }) =>
      run(async (ctx) => {
        const checks: Check[] = [
          {
            check: 'config',
            ok: true,
            detail: ctx.configPath ?? 'none (URL from --store or STRATA_STORE_URL)',
          },
        ];
        let connected = false;
        let schemaCurrent = true;
        const store = ctx.store;
        if (store instanceof PostgresEventStore) {
          // Read the schema version first: any other call would migrate it on first use.
          try {
            const status = await store.schemaStatus();
            connected = true;
            checks.push({ check: 'connection', ok: true, detail: ctx.url });
            schemaCurrent = status.version === status.latest;
            checks.push({
              check: 'schema',
              ok: schemaCurrent,
              detail:
                status.version === undefined
                  ? `${store.schema} does not exist yet (latest version ${status.latest})`
                  : `${store.schema} at version ${status.version} (latest ${status.latest})`,
              ...(schemaCurrent
                ? {}
                : { fix: 'run `strata migrate` (it is safe while other processes run)' }),
            });
          } catch (error) {
            checks.push(connectionFailed(ctx.url, error));
          }
        } else {
          try {
            for await (const first of store.readAll({ maxCount: 1 })) void first;
            connected = true;
            checks.push({ check: 'connection', ok: true, detail: ctx.url });
          } catch (error) {
            checks.push(connectionFailed(ctx.url, error));
          }
        }
        const projections = ctx.config.projections ?? [];
        checks.push({
          check: 'projections',
          ok: true,
          detail:
            projections.length === 0
              ? 'none configured'
              : projections.map((p) => `${p.name}@v${p.version}`).join(', '),
        });
        // Reading dead letters would migrate a schema that is behind: only on a current one.
        if (connected && schemaCurrent && projections.length > 0) {
          const target = readModelTarget(ctx);
          if ('problem' in target) checks.push(target.problem);
          else {
            const letters = await target.target.deadLetters();
            checks.push({
              check: 'dead letters',
              ok: letters.length === 0,
              detail: String(letters.length),
              ...(letters.length > 0
                ? { fix: 'see `strata dead-letters list`, then retry or discard them' }
                : {}),
            });
          }
        }
        const healthy = checks.every((c) => c.ok);
        if (options.json) print(toJson({ healthy, checks }));
        else {
          const c = colours();
          for (const check of checks)
            print(
              `${check.ok ? c.green('ok  ') : c.red('FAIL')} ${check.check}: ${check.detail}${check.fix ? `\n     fix: ${check.fix}` : ''}`,
            );
        }
        if (!healthy) process.exitCode = 1;
      }),
    );
}
