import { encodeRecordedEvent } from '@strata/core';
import { DeadLetterNotFoundError, type DeadLetter } from '@strata/projections';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { print, table, toJson } from '../output/render.js';
import { configuredProjections, runnerFor } from './projections.js';
import type { Run } from './run.js';

function asJson(letter: DeadLetter): Record<string, unknown> {
  return { ...letter, event: encodeRecordedEvent(letter.event), failedAt: letter.failedAt.toISOString() };
}

function notFound(id: string, error: unknown): never {
  if (error instanceof DeadLetterNotFoundError)
    throw new CliError(
      'DEAD_LETTER_NOT_FOUND',
      `dead letter ${id} not found`,
      'see `strata dead-letters list`',
      1,
      { cause: error },
    );
  throw error;
}

export function deadLettersCommand(run: Run): Command {
  const cmd = new Command('dead-letters').description(
    'list, show, retry and discard projection dead letters',
  );

  cmd
    .command('list')
    .description('list parked events, oldest first')
    .argument('[projection]', 'only this projection')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata dead-letters list loyalty-balances')
    .action((projection: string | undefined, options: { json?: boolean }) =>
      run(async (ctx) => {
        configuredProjections(ctx, projection !== undefined ? [projection] : []);
        const letters = await ctx.target().deadLetters(projection);
        if (options.json) return print(toJson(letters.map(asJson)));
        print(
          table(
            ['id', 'projection', 'position', 'stream', 'type', 'attempts', 'error'],
            letters.map((l) => [
              l.id,
              `${l.projection}@v${l.version}.${l.generation}`,
              l.event.position.toString(),
              l.event.streamId,
              l.event.type,
              String(l.attempts),
              l.error.message,
            ]),
          ),
        );
      }),
    );

  cmd
    .command('show')
    .description('show one dead letter with its event and error')
    .argument('<id>', 'the dead letter id')
    .addHelpText('after', '\nExample:\n  $ strata dead-letters show 3f1c…')
    .action((id: string) =>
      run(async (ctx) => {
        configuredProjections(ctx);
        const letter = (await ctx.target().deadLetters()).find((l) => l.id === id);
        if (!letter)
          throw new CliError(
            'DEAD_LETTER_NOT_FOUND',
            `dead letter ${id} not found`,
            'see `strata dead-letters list`',
          );
        print(toJson(asJson(letter)));
      }),
    );

  cmd
    .command('retry')
    .description('run the handler on a dead letter again; removed on success')
    .argument('<id>', 'the dead letter id')
    .addHelpText('after', '\nExample:\n  $ strata dead-letters retry 3f1c…')
    .action((id: string) =>
      run(async (ctx) => {
        await runnerFor(ctx, configuredProjections(ctx))
          .retryDeadLetter(id)
          .catch((e: unknown) => notFound(id, e));
        print(`retried dead letter ${id}: applied and removed`);
      }),
    );

  cmd
    .command('discard')
    .description('remove a dead letter without applying it')
    .argument('<id>', 'the dead letter id')
    .addHelpText('after', '\nExample:\n  $ strata dead-letters discard 3f1c…')
    .action((id: string) =>
      run(async (ctx) => {
        await runnerFor(ctx, configuredProjections(ctx))
          .discardDeadLetter(id)
          .catch((e: unknown) => notFound(id, e));
        print(`discarded dead letter ${id}`);
      }),
    );
  return cmd;
}
