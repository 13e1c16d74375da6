import { encodeRecordedEvent, type RecordedEvent } from '@strata/core';
import { Command } from 'commander';
import { CliError } from '../errors/cli-error.js';
import { colours, print, table, toJson } from '../output/render.js';
import type { Run } from './run.js';
import { bigintArg, positiveInt } from './parse.js';

export interface StreamSummary {
  readonly streamId: string;
  readonly events: number;
  readonly lastRevision: bigint;
  readonly lastPosition: bigint;
  readonly lastRecordedAt: Date;
}

function eventRows(events: readonly RecordedEvent[]): string[][] {
  return events.map((e) => [
    e.position.toString(),
    e.streamId,
    e.revision.toString(),
    e.type,
    e.recordedAt.toISOString(),
    JSON.stringify(e.data),
  ]);
}

const EVENT_HEADERS = ['position', 'stream', 'revision', 'type', 'recorded at', 'data'];

export function streamsCommand(run: Run): Command {
  const streams = new Command('streams').description('list, read and tail streams');

  streams
    .command('list')
    .description('list streams with their event count and last revision')
    .option('--category <category>', 'only streams of this category (the part before the first -)')
    .option('--limit <n>', 'at most this many streams (default 100)', positiveInt)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata streams list --category loyaltyAccount --limit 10')
    .action((options: { category?: string; limit?: number; json?: boolean }) =>
      run(async (ctx) => {
        // The port has no stream index: one pass over the log (or the category) finds them.
        const found = new Map<string, StreamSummary>();
        const filter = options.category !== undefined ? { filter: { category: options.category } } : {};
        for await (const e of ctx.store.readAll(filter)) {
          const seen = found.get(e.streamId);
          found.set(e.streamId, {
            streamId: e.streamId,
            events: (seen?.events ?? 0) + 1,
            lastRevision: e.revision,
            lastPosition: e.position,
            lastRecordedAt: e.recordedAt,
          });
        }
        const list = [...found.values()].slice(0, options.limit ?? 100);
        if (options.json) return print(toJson(list));
        print(
          table(
            ['stream', 'events', 'last revision', 'last position', 'last recorded at'],
            list.map((s) => [
              s.streamId,
              String(s.events),
              s.lastRevision.toString(),
              s.lastPosition.toString(),
              s.lastRecordedAt.toISOString(),
            ]),
          ),
        );
      }),
    );

  streams
    .command('read')
    .description("read one stream's events")
    .argument('<stream>', 'the stream id, e.g. loyaltyAccount-a-1')
    .option('--from <revision>', 'first revision to read', bigintArg)
    .option('--backwards', 'newest first')
    .option('--limit <n>', 'at most this many events', positiveInt)
    .option('--json', 'print JSON (one array of recorded events)')
    .addHelpText(
      'after',
      '\nExample:\n  $ strata streams read loyaltyAccount-a-1 --backwards --limit 5 --json',
    )
    .action(
      (stream: string, options: { from?: bigint; backwards?: boolean; limit?: number; json?: boolean }) =>
        run(async (ctx) => {
          const events: RecordedEvent[] = [];
          for await (const e of ctx.store.readStream(stream, {
            ...(options.from !== undefined ? { from: options.from } : {}),
            ...(options.backwards ? { direction: 'backwards' as const } : {}),
            ...(options.limit !== undefined ? { maxCount: options.limit } : {}),
          }))
            events.push(e);
          if (events.length === 0) {
            let exists = false;
            for await (const first of ctx.store.readStream(stream, { maxCount: 1 }))
              exists = first !== undefined;
            if (!exists)
              throw new CliError(
                'STREAM_NOT_FOUND',
                `stream ${stream} not found in ${ctx.url}`,
                'run `strata streams list` to see the streams',
              );
          }
          if (options.json) return print(toJson(events.map(encodeRecordedEvent)));
          print(table(EVENT_HEADERS, eventRows(events)));
        }),
    );

  streams
    .command('tail')
    .description('follow new events of a stream (or of all streams) until Ctrl-C')
    .argument('[stream]', 'the stream id (or use --all)')
    .option('--all', 'follow every stream')
    .option('--type <type...>', 'only events of these types')
    .option('--json', 'print one JSON object per line')
    .addHelpText('after', '\nExample:\n  $ strata streams tail --all --type loyalty.points.earned')
    .action((stream: string | undefined, options: { all?: boolean; type?: string[]; json?: boolean }) =>
      run(async (ctx) => {
        if ((stream === undefined) === (options.all !== true))
          throw new CliError(
            'USAGE',
            'give a stream id or --all (not both)',
            'e.g. strata streams tail --all',
            2,
          );
        let live = false;
        const subscription = ctx.store.subscribe({
          ...(options.type ? { filter: { eventTypes: options.type } } : {}),
          onCaughtUp: () => {
            live = true;
            process.stderr.write(`following ${stream ?? 'all streams'} (Ctrl-C to stop)\n`);
          },
        });
        const stop = () => void subscription.stop();
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        const c = colours();
        try {
          for await (const e of subscription) {
            // History before the subscription caught up is skipped: tail shows what happens now.
            if (!live || (stream !== undefined && e.streamId !== stream)) continue;
            if (options.json) process.stdout.write(`${JSON.stringify(encodeRecordedEvent(e))}\n`);
            else
              print(
                `${c.dim(e.position.toString())} ${e.streamId}@${e.revision.toString()} ${c.cyan(e.type)} ${JSON.stringify(e.data)}`,
              );
          }
        } finally {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
        }
      }),
    );
  return streams;
}
