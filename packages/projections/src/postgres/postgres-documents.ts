import type { PostgresTransaction } from '@strata/postgres';
import { DocumentNotFoundError } from '../errors/projection-errors.js';
import { applyRecipe, type Documents, type ReadDocuments, type Recipe } from '../target/documents.js';

type Query = PostgresTransaction['query'];

/** Documents of one collection as `jsonb` rows of a build's documents table (`table` is quoted). */
export function postgresDocuments<T>(query: Query, table: string, collection: string): Documents<T> {
  const read: ReadDocuments<T> = readDocuments<T>(query, table, collection);
  const write = async (id: string, doc: T) => {
    await query(
      `insert into ${table} (collection, id, doc) values ($1, $2, $3::jsonb)
       on conflict (collection, id) do update set doc = excluded.doc`,
      [collection, id, JSON.stringify(doc)],
    );
  };
  return {
    ...read,
    set: write,
    update: async (id, recipe: Recipe<T>) => {
      const rows = await query<{ doc: T }>(
        `select doc from ${table} where collection = $1 and id = $2 for update`,
        [collection, id],
      );
      const current = rows[0];
      if (!current) throw new DocumentNotFoundError(collection, id);
      await write(id, applyRecipe(current.doc, recipe));
    },
    delete: async (id) => {
      await query(`delete from ${table} where collection = $1 and id = $2`, [collection, id]);
    },
  };
}

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
