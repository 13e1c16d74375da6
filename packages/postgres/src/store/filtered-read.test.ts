import { PGlite } from '@electric-sql/pglite';
import type { RecordedEvent } from '@strata/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { schemaNames } from '../schema/schema-names.js';
import { uniqueSchema } from '../test-support/databases.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { logPageQuery } from './read-queries.js';

const pglite = new PGlite();
const stores: PostgresEventStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((store) => store.close()));
  await pglite.close();
});

async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

describe('filtered reads of the log', () => {
  it('caps the positions every page statement scans, numbering the filter after the cap', () => {
    const names = schemaNames('s');
    const capped = logPageQuery(names, 10n, 5, undefined, { eventTypes: ['a'] }, 20n);
    expect(capped.text).toContain('e.position < $4');
    expect(capped.text).toContain('e.type = any($5::text[])');
    expect(capped.params).toEqual(['10', 5, null, '20', ['a']]);
    const unfiltered = logPageQuery(names, 10n, 5, 30n, undefined, 15n);
    expect(unfiltered.text).toContain('e.position < $4');
    expect(unfiltered.params).toEqual(['10', 5, '30', '15']);
  });

  it('for random logs, page sizes, starts and counts, equals the unfiltered read filtered in memory', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Sparse and dense matches: a page then spans one window or several growing ones.
        fc.array(fc.constantFrom('hit', 'miss', 'miss', 'miss', 'other'), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 70 }),
        fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
        async (types, pageSize, from, maxCount) => {
          const store = new PostgresEventStore({ pglite, schema: uniqueSchema('filtered'), pageSize });
          stores.push(store);
          for (const [i, type] of types.entries()) await store.append(`s-${i % 3}`, [{ type, data: { i } }]);
          const wanted = ['hit', 'other'];
          const expected = (await collect(store.readAll({ from: BigInt(from) })))
            .filter((event) => wanted.includes(event.type))
            .slice(0, maxCount);
          const filtered = await collect(
            store.readAll({
              from: BigInt(from),
              filter: { eventTypes: wanted },
              ...(maxCount !== undefined ? { maxCount } : {}),
            }),
          );
          expect(filtered.map((event) => event.position)).toEqual(expected.map((event) => event.position));
        },
      ),
      { numRuns: 25 },
    );
  });
});
