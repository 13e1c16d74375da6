import { categoryOf } from '@strata/core';
import { Command } from 'commander';
import { print, table, toJson } from '../output/render.js';
import type { Run } from './run.js';

export interface EventStats {
  readonly events: number;
  readonly streams: number;
  readonly firstPosition: bigint | null;
  readonly lastPosition: bigint | null;
  readonly byType: Record<string, number>;
  readonly byCategory: Record<string, number>;
}

export function eventsCommand(run: Run): Command {
  const events = new Command('events').description('statistics about the event log');
  events
    .command('stats')
    .description('count events by type and category; first and last position')
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ strata events stats --json')
    .action((options: { json?: boolean }) =>
      run(async (ctx) => {
        const byType = new Map<string, number>();
        const byCategory = new Map<string, number>();
        const streams = new Set<string>();
        let count = 0;
        let first: bigint | null = null;
        let last: bigint | null = null;
        for await (const e of ctx.store.readAll()) {
          count += 1;
          first ??= e.position;
          last = e.position;
          streams.add(e.streamId);
          byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
          const category = categoryOf(e.streamId);
          byCategory.set(category, (byCategory.get(category) ?? 0) + 1);
        }
        const stats: EventStats = {
          events: count,
          streams: streams.size,
          firstPosition: first,
          lastPosition: last,
          byType: Object.fromEntries([...byType].sort()),
          byCategory: Object.fromEntries([...byCategory].sort()),
        };
        if (options.json) return print(toJson(stats));
        print(
          `events: ${count}  streams: ${streams.size}  positions: ${first?.toString() ?? '-'} … ${last?.toString() ?? '-'}\n`,
        );
        print(
          table(
            ['type', 'events'],
            Object.entries(stats.byType).map(([k, v]) => [k, String(v)]),
          ),
        );
        print('');
        print(
          table(
            ['category', 'events'],
            Object.entries(stats.byCategory).map(([k, v]) => [k, String(v)]),
          ),
        );
      }),
    );
  return events;
}
