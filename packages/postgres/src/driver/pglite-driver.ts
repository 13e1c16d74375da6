import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Driver, Listener, Queryable } from './driver.js';

function queryable(db: Pick<Transaction, 'query' | 'exec'>): Queryable {
  return {
    async query<R extends object>(text: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await db.query<R>(text, params as unknown[]);
      return result.rows;
    },
    async queryArrays(text: string, params: readonly unknown[] = []): Promise<unknown[][]> {
      const result = await db.query<unknown[]>(text, params as unknown[], { rowMode: 'array' });
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await db.exec(text);
    },
  };
}

/**
 * The PGlite driver. PGlite is one connection in this process: statements and transactions
 * run one at a time, so appends are serial by construction and no connection can be lost.
 */
export class PGliteDriver implements Driver {
  readonly kind = 'pglite';
  readonly #db: Promise<PGlite>;
  readonly #ownsDb: boolean;

  constructor(db: PGlite | Promise<PGlite>, ownsDb: boolean) {
    this.#db = Promise.resolve(db);
    this.#ownsDb = ownsDb;
    // A failed start-up is reported by the first statement, not as an unhandled rejection.
    this.#db.catch(() => undefined);
  }

  /** `dataDir` undefined: in memory. The wasm module loads only when a PGlite store is made. */
  static open(dataDir: string | undefined): PGliteDriver {
    const db = import('@electric-sql/pglite').then(async ({ PGlite }) => {
      const instance = new PGlite(dataDir);
      await instance.waitReady;
      return instance;
    });
    return new PGliteDriver(db, true);
  }

  async query<R extends object>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    return queryable(await this.#db).query<R>(text, params);
  }

  async queryArrays(text: string, params: readonly unknown[] = []): Promise<unknown[][]> {
    return queryable(await this.#db).queryArrays(text, params);
  }

  async exec(text: string): Promise<void> {
    await (await this.#db).exec(text);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    return (await this.#db).transaction((tx) => work(queryable(tx)));
  }

  async queryTracked<R extends object>(text: string, params: readonly unknown[]): Promise<{ rows: R[] }> {
    return { rows: await this.query<R>(text, params) };
  }

  async listen(channel: string, onNotify: () => void): Promise<Listener> {
    const unlisten = await (await this.#db).listen(channel, () => onNotify());
    return { close: () => unlisten() };
  }

  async close(): Promise<void> {
    if (this.#ownsDb) await (await this.#db).close();
  }
}
