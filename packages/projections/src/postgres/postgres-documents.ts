import type { PostgresTransaction } from '@strata/postgres';
import type { ReadDocuments } from '../target/documents.js';

type Query = PostgresTransaction['query'];

/** The read side of one collection of a build's documents table (`table` is quoted). */
export function readDocuments<T>(query: Query, table: string, collection: string): ReadDocuments<T> {
  return {
    get: async (id) =>
      (
        await query<{ doc: T }>(`select doc from ${table} where collection = $1 and id = $2`, [
          collection,
          id,
        ])
      )[0]?.doc,
    find: async (predicate) =>
      (
        await query<{ id: string; doc: T }>(
          `select id, doc from ${table} where collection = $1 order by id`,
          [collection],
        )
      )
        .filter((row) => predicate(row.doc, row.id))
        .map((row) => row.doc),
    count: async () =>
      Number(
        (
          await query<{ n: string }>(`select count(*)::text as n from ${table} where collection = $1`, [
            collection,
          ])
        )[0]?.n ?? 0,
      ),
  };
}
