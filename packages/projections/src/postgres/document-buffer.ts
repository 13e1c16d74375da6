import type { PostgresTransaction } from '@strata/postgres';
import { freeze } from 'immer';
import { DocumentNotFoundError } from '../errors/projection-errors.js';
import { applyRecipe, type Documents } from '../target/documents.js';
import { readDocuments } from './postgres-documents.js';

type Query = PostgresTransaction['query'];
type Entry = { doc: unknown; dirty: boolean };

/**
 * A batch's documents: read once, changed in memory, written back in one statement per kind
 * when the batch ends (or before any SQL of the handler's, so its own queries see them). A
 * rebuild that touches the same documents many times in a batch costs one write each.
 */
export class DocumentBuffer {
  readonly #entries = new Map<string, Entry>();
  readonly #query: Query;
  readonly #table: string;

  /** `table` is the build's quoted documents table. */
  constructor(query: Query, table: string) {
    this.#query = query;
    this.#table = table;
  }

  collection<T>(collection: string): Documents<T> {
    const key = (id: string) => `${collection}\u0000${id}`;
    const get = async (id: string): Promise<T | undefined> => {
      const entry = this.#entries.get(key(id));
      if (entry) return entry.doc as T | undefined;
      const rows = await this.#query<{ doc: T }>(
        `select doc from ${this.#table} where collection = $1 and id = $2`,
        [collection, id],
      );
      const doc = rows[0] ? freeze(rows[0].doc, true) : undefined;
      this.#entries.set(key(id), { doc, dirty: false });
      return doc;
    };
    // A JSON round trip: what is kept is what the database would return, never the caller's object.
    const put = (id: string, doc: T | undefined) =>
      void this.#entries.set(key(id), {
        doc: doc === undefined ? undefined : freeze(JSON.parse(JSON.stringify(doc)) as T, true),
        dirty: true,
      });
    const scans = () => readDocuments<T>(this.#query, this.#table, collection);
    return {
      get,
      set: async (id, doc) => put(id, doc),
      update: async (id, recipe) => {
        const current = await get(id);
        if (current === undefined) throw new DocumentNotFoundError(collection, id);
        put(id, applyRecipe(current, recipe));
      },
      delete: async (id) => put(id, undefined),
      find: async (predicate) => {
        await this.flush();
        return scans().find(predicate);
      },
      count: async () => {
        await this.flush();
        return scans().count();
      },
    };
  }

  /** Writes the changed documents: one upsert and one delete statement at most. */
  async flush(): Promise<void> {
    const upserts: [string[], string[], string[]] = [[], [], []];
    const deletes: [string[], string[]] = [[], []];
    for (const [key, entry] of this.#entries) {
      if (!entry.dirty) continue;
      entry.dirty = false;
      const split = key.indexOf('\u0000');
      const collection = key.slice(0, split);
      const id = key.slice(split + 1);
      if (entry.doc === undefined) {
        deletes[0].push(collection);
        deletes[1].push(id);
      } else {
        upserts[0].push(collection);
        upserts[1].push(id);
        upserts[2].push(JSON.stringify(entry.doc));
      }
    }
    if (upserts[0].length > 0)
      await this.#query(
        `insert into ${this.#table} (collection, id, doc)
         select c, i, d::jsonb from unnest($1::text[], $2::text[], $3::text[]) as u(c, i, d)
         on conflict (collection, id) do update set doc = excluded.doc`,
        upserts,
      );
    if (deletes[0].length > 0)
      await this.#query(
        `delete from ${this.#table} t using unnest($1::text[], $2::text[]) as u(c, i)
         where t.collection = u.c and t.id = u.i`,
        deletes,
      );
  }
}
