import {
  checkpointName,
  ProjectionNotFoundError,
  ProjectionRunner,
  type Projection,
} from '@strata/projections';
import { SingleBar } from 'cli-progress';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { CliError } from '../errors/cli-error.js';
import { print, table, toJson } from '../output/render.js';
import type { Run } from './run.js';

export interface ProjectionStatusRow {
  readonly name: string;
  readonly version: number;
  readonly generation: number;
  readonly state: string;
  readonly position: bigint;
  readonly lag: bigint;
  readonly deadLetters: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyProjection = Projection<any>;

export function configuredProjections(ctx: CliContext, names: readonly string[] = []): AnyProjection[] {
  const all = ctx.config.projections ?? [];
  if (all.length === 0)
    throw new CliError(
      'NO_PROJECTIONS',
      `no projections in ${ctx.configPath ?? 'the config (none found)'}`,
      'export projections: [ ... ] from strata.config.ts',
      2,
    );
  const known = [...new Set(all.map((p) => p.name))];
  for (const name of names)
    if (!known.includes(name))
      throw new CliError(
        'PROJECTION_NOT_FOUND',
        `unknown projection ${name}`,
        `known projections: ${known.join(', ')}`,
        1,
      );
  return names.length === 0 ? [...all] : all.filter((p) => names.includes(p.name));
}

export function runnerFor(ctx: CliContext, projections: readonly AnyProjection[]): ProjectionRunner<never> {
  const target = ctx.target();
  return new ProjectionRunner({
    store: ctx.store,
    target,
    projections,
    ...(target.checkpoints ? {} : { checkpoints: ctx.checkpoints('projections') }),
  }) as ProjectionRunner<never>;
}

async function statusRows(
  ctx: CliContext,
  projections: readonly AnyProjection[],
): Promise<ProjectionStatusRow[]> {
  const target = ctx.target();
  const checkpoints = target.checkpoints ?? ctx.checkpoints('projections status');
  const rows: { -readonly [K in keyof ProjectionStatusRow]: ProjectionStatusRow[K] }[] = [];
  for (const name of [...new Set(projections.map((p) => p.name))]) {
    const letters = await target.deadLetters(name);
    const builds = (await target.builds(name)).filter((b) => b.state !== 'retired');
    if (builds.length === 0) {
      const newest = Math.max(...projections.filter((p) => p.name === name).map((p) => p.version));
      rows.push({
        name,
        version: newest,
        generation: 0,
        state: 'never run',
        position: -1n,
        lag: 0n,
        deadLetters: letters.length,
      });
    }
    for (const build of builds) {
      rows.push({
        name,
        version: build.version,
        generation: build.generation,
        state: build.state,
        position: (await checkpoints.load(checkpointName(build))) ?? -1n,
        lag: 0n,
        deadLetters: letters.filter((l) => l.version === build.version && l.generation === build.generation)
          .length,
      });
    }
  }
  // Lag counts the events after the checkpoint that any of these projections handles: not a
  // difference of positions, which on EventStoreDB are commit positions (byte offsets in the log).
  const types = new Set(projections.flatMap((p) => p.eventTypes));
  for await (const e of ctx.store.readAll({ filter: { eventTypes: [...types] } }))
    for (const row of rows) if (e.position > row.position) row.lag += 1n;
  return rows;
}

function formatMs(ms: number | undefined): string {
  if (ms === undefined) return '?';
  return ms < 1000 ? `${ms}ms` : `${(ms / 1000).toFixed(1)}s`;
}

export function projectionsCommand(run: Run): Command {
  const cmd = new Command('projections').description('list, inspect, run and rebuild projections');

  cmd
    .command('list')
    .description('list the configured projections and the event types they handle')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata projections list')
    .action((options: { json?: boolean }) =>
      run(async (ctx) => {
        const list = configuredProjections(ctx).map((p) => ({
          name: p.name,
          version: p.version,
          eventTypes: [...p.eventTypes],
        }));
        if (options.json) return print(toJson(list));
        print(
          table(
            ['name', 'version', 'event types'],
            list.map((p) => [p.name, String(p.version), p.eventTypes.join(', ')]),
          ),
        );
      }),
    );

  cmd
    .command('status')
    .description('position, lag, state and dead letters of each build (without running anything)')
    .argument('[name]', 'one projection')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata projections status loyalty-balances --json')
    .action((name: string | undefined, options: { json?: boolean }) =>
      run(async (ctx) => {
        const rows = await statusRows(ctx, configuredProjections(ctx, name !== undefined ? [name] : []));
        if (options.json) return print(toJson(rows));
        print(
          table(
            ['name', 'version', 'generation', 'state', 'position', 'lag', 'dead letters'],
            rows.map((r) => [
              r.name,
              String(r.version),
              String(r.generation),
              r.state,
              r.position.toString(),
              r.lag.toString(),
              String(r.deadLetters),
            ]),
          ),
        );
      }),
    );

  cmd
    .command('run')
    .description(
      'run projections in the foreground, live, until SIGINT/SIGTERM (the checkpoint is committed)',
    )
    .argument('[names...]', 'projections to run (default: all)')
    .addHelpText('after', '\nExample:\n  $ strata projections run loyalty-balances')
    .action((names: string[]) =>
      run(async (ctx) => {
        const runner = runnerFor(ctx, configuredProjections(ctx, names));
        let stopping: Promise<void> | undefined;
        const stopped = new Promise<void>((resolve) => {
          const stop = () => {
            stopping ??= runner.stop().then(resolve, resolve);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await runner.start();
        const line = () =>
          runner
            .status()
            .map(
              (s) =>
                `${s.name}@v${s.version}.${s.generation} ${s.state} position ${s.position.toString()} lag ${s.lag.toString()}`,
            )
            .join(' | ');
        process.stderr.write(`running (Ctrl-C to stop): ${line()}\n`);
        const tty = process.stderr.isTTY === true;
        const timer = setInterval(() => {
          if (tty) process.stderr.write(`\r\u001b[K${line()}`);
        }, 1000);
        await stopped;
        clearInterval(timer);
        await stopping;
        process.stderr.write(`${tty ? '\n' : ''}stopped: ${line()}\n`);
      }),
    );

  cmd
    .command('rebuild')
    .description('rebuild a projection from position 0 beside the live one, then switch reads to it')
    .argument('<name>', 'the projection')
    .option('--json', 'print the final progress as JSON')
    .addHelpText('after', '\nExample:\n  $ strata projections rebuild loyalty-balances')
    .action((name: string, options: { json?: boolean }) =>
      run(async (ctx) => {
        const runner = runnerFor(ctx, configuredProjections(ctx, [name]));
        const bar = new SingleBar({
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 500,
          format: `${name} [{bar}] {percentage}% | {value}/{total} events | {rate} events/s | ETA {etaText}`,
        });
        let started = false;
        try {
          const result = await runner.rebuild(name, {
            onProgress: (p) => {
              const payload = { rate: p.eventsPerSecond, etaText: formatMs(p.etaMs) };
              if (!started) {
                bar.start(p.total, p.processed, payload);
                started = true;
              } else {
                bar.setTotal(p.total);
                bar.update(p.processed, payload);
              }
            },
          });
          if (started) bar.stop();
          if (options.json) return print(toJson({ name, ...result }));
          print(
            `rebuilt ${name}: ${result.processed}/${result.total} events at ${result.eventsPerSecond} events/s`,
          );
        } catch (error) {
          if (started) bar.stop();
          if (error instanceof ProjectionNotFoundError)
            throw new CliError('PROJECTION_NOT_FOUND', error.message, 'see `strata projections list`', 1, {
              cause: error,
            });
          throw error;
        }
      }),
    );
  return cmd;
}
