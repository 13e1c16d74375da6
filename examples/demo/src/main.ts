// `pnpm demo`: Strata narrated on two domains, a loyalty platform and an order workflow.
// `--store <url>` picks the store: memory:, pglite: (the default), pglite:./dir, postgres://…, esdb://…
import '@strata/eventstoredb';
import '@strata/postgres';
import { parseArgs } from 'node:util';
import { openDemoStore, runSuffix } from './demo-store.js';
import { loyaltyChapter } from './loyalty-chapter.js';
import { say } from './narrator.js';
import { ordersChapter } from './orders-chapter.js';
import { storedChapter } from './stored-chapter.js';

const USAGE = `usage: pnpm demo [--store <url>] [--schema <name>]
  --store   memory: | pglite: (default, embedded and in memory) | pglite:./dir | postgres://… | esdb://…
  --schema  PostgreSQL only: the schema of the store and its read models (default strata)`;

function options(argv: string[]) {
  const { values } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    options: {
      store: { type: 'string', default: 'pglite:' },
      schema: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  return values;
}

async function main(): Promise<void> {
  const startedAt = performance.now();
  const { store, schema, help } = options(process.argv.slice(2));
  if (help) return say(USAGE);
  const demo = openDemoStore(store, schema === undefined ? {} : { schema });
  say(`Strata demo on '${demo.url}' (${demo.kind})`);
  try {
    const suffix = await runSuffix(demo.store);
    if (suffix) say(`the store already holds events from an earlier run: this run's ids end in '${suffix}'`);
    await loyaltyChapter(demo, suffix);
    await ordersChapter(demo, suffix);
    await storedChapter(demo.store);
  } finally {
    await demo.store.close();
  }
  say();
  say(`Demo finished in ${((performance.now() - startedAt) / 1000).toFixed(1)} s.`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
