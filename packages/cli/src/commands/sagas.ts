import {
  SagaNotFoundError,
  SagaOrchestrator,
  SagaStateError,
  type SagaStatus,
  type SagaStatusName,
} from '@strata/sagas';
import { Command, InvalidArgumentError } from 'commander';
import type { CliContext } from '../context.js';
import { CliError } from '../errors/cli-error.js';
import { print, table, toJson } from '../output/render.js';
import type { Run } from './run.js';

const STATUSES: readonly SagaStatusName[] = [
  'running',
  'waiting',
  'compensating',
  'completed',
  'compensated',
  'failed',
  'cancelled',
  'compensation_failed',
];

function statusArg(value: string): SagaStatusName {
  const found = STATUSES.find((s) => s === value);
  if (!found) throw new InvalidArgumentError(`expected one of ${STATUSES.join(', ')}`);
  return found;
}

function orchestrator(ctx: CliContext, saga?: string): SagaOrchestrator {
  const sagas = ctx.config.sagas ?? [];
  if (sagas.length === 0)
    throw new CliError(
      'NO_SAGAS',
      `no sagas in ${ctx.configPath ?? 'the config (none found)'}`,
      'export sagas: [ ... ] from strata.config.ts',
      2,
    );
  if (saga !== undefined && !sagas.some((s) => s.name === saga))
    throw new CliError(
      'SAGA_NOT_FOUND',
      `unknown saga ${saga}`,
      `known sagas: ${sagas.map((s) => s.name).join(', ')}`,
    );
  return new SagaOrchestrator({ store: ctx.store, checkpoints: ctx.checkpoints('sagas'), sagas });
}

/** Saga errors say what and where already; the CLI adds what to do. */
function explain(error: unknown): never {
  if (error instanceof SagaNotFoundError)
    throw new CliError(error.code, error.message, 'see `strata sagas list`', 1, { cause: error });
  if (error instanceof SagaStateError)
    throw new CliError(error.code, error.message, 'see `strata sagas show <saga> <id>`', 1, { cause: error });
  throw error;
}

function rows(list: readonly SagaStatus[]): string[][] {
  return list.map((s) => [
    s.saga,
    s.sagaId,
    s.status,
    s.steps.map((step) => `${step.name}:${step.status}`).join(' '),
    s.updatedAt.toISOString(),
  ]);
}

const HEADERS = ['saga', 'id', 'status', 'steps', 'updated at'];

export function sagasCommand(run: Run): Command {
  const cmd = new Command('sagas').description('list, show, retry and cancel saga instances');

  cmd
    .command('list')
    .description('list saga instances (compensation_failed ones are the dead letters)')
    .option('--saga <name>', 'only this saga')
    .option('--status <status>', `only this status (${STATUSES.join(', ')})`, statusArg)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata sagas list --status compensation_failed')
    .action((options: { saga?: string; status?: SagaStatusName; json?: boolean }) =>
      run(async (ctx) => {
        const list = await orchestrator(ctx, options.saga).list({
          ...(options.saga !== undefined ? { saga: options.saga } : {}),
          ...(options.status !== undefined ? { status: options.status } : {}),
        });
        if (options.json) return print(toJson(list));
        print(table(HEADERS, rows(list)));
      }),
    );

  cmd
    .command('show')
    .description('show one saga instance: its steps, errors and failure, as JSON')
    .argument('<saga>', 'the saga name')
    .argument('<id>', 'the saga id')
    .addHelpText('after', '\nExample:\n  $ strata sagas show place-order o-1')
    .action((saga: string, id: string) =>
      run(async (ctx) => {
        const status = await orchestrator(ctx, saga).get(saga, id);
        if (!status)
          throw new CliError('SAGA_NOT_FOUND', `saga ${saga} ${id} not found`, 'see `strata sagas list`');
        print(toJson(status));
      }),
    );

  cmd
    .command('retry')
    .description('retry the compensation of a compensation_failed saga')
    .argument('<saga>', 'the saga name')
    .argument('<id>', 'the saga id')
    .addHelpText('after', '\nExample:\n  $ strata sagas retry place-order o-1')
    .action((saga: string, id: string) =>
      run(async (ctx) => {
        const status = await orchestrator(ctx, saga).retry(saga, id).catch(explain);
        print(`saga ${saga} ${id} is now ${status.status}`);
        if (status.status === 'compensation_failed') process.exitCode = 1;
      }),
    );

  cmd
    .command('cancel')
    .description('cancel a running or waiting saga: its completed steps are compensated')
    .argument('<saga>', 'the saga name')
    .argument('<id>', 'the saga id')
    .option('--reason <text>', 'why (recorded in the saga stream)', 'cancelled from the strata CLI')
    .addHelpText('after', '\nExample:\n  $ strata sagas cancel place-order o-1 --reason "customer asked"')
    .action((saga: string, id: string, options: { reason: string }) =>
      run(async (ctx) => {
        const status = await orchestrator(ctx, saga).cancel(saga, id, options.reason).catch(explain);
        print(`saga ${saga} ${id} is now ${status.status}`);
      }),
    );
  return cmd;
}
