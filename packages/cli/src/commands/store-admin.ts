import { Command } from 'commander';
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
        try {
          for await (const first of ctx.store.readAll({ maxCount: 1 })) void first;
          connected = true;
          checks.push({ check: 'connection', ok: true, detail: ctx.url });
        } catch (error) {
          checks.push({
            check: 'connection',
            ok: false,
            detail: `${ctx.url}: ${(error as Error).message}`,
            fix: 'start the database or correct --store / STRATA_STORE_URL / the config',
          });
        }
        if (connected && ctx.url.startsWith('p')) {
          const store = ctx.postgres('doctor');
          // The store migrates on first use, so reaching here means the schema is current.
          const report = await store.migrate();
          checks.push({ check: 'schema', ok: true, detail: `${store.schema} at version ${report.version}` });
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
        if (connected && projections.length > 0) {
          const letters = await ctx.target().deadLetters();
          checks.push({
            check: 'dead letters',
            ok: letters.length === 0,
            detail: String(letters.length),
            ...(letters.length > 0
              ? { fix: 'see `strata dead-letters list`, then retry or discard them' }
              : {}),
          });
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
