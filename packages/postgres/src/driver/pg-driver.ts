import pg from 'pg';
import type { Driver, Listener, Queryable } from './driver.js';
import { isConnectionLoss } from './connection-errors.js';
import { StatementNames } from './statement-names.js';

type PgQueryable = Pick<pg.PoolClient, 'query'>;

function queryable(client: PgQueryable): Queryable {
  return {
    async query<R extends object>(text: string, params: readonly unknown[] = []): Promise<R[]> {
      const result = await client.query<R>(text, params as unknown[]);
      return result.rows;
    },
    async queryArrays(text: string, params: readonly unknown[] = []): Promise<unknown[][]> {
      const result = await client.query<unknown[]>({ text, values: params as unknown[], rowMode: 'array' });
      return result.rows;
    },
    async exec(text: string): Promise<void> {
      await client.query(text);
    },
  };
}

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * The `pg` driver: a pool for statements, one extra client for LISTEN. Event reads and appends
 * go as named (prepared) statements unless `prepared` is false (see `StatementNames`).
 */
export class PgDriver implements Driver {
  readonly kind = 'pg';
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #names: StatementNames | undefined;

  constructor(pool: pg.Pool, ownsPool: boolean, prepared = true) {
    this.#pool = pool;
    this.#ownsPool = ownsPool;
    this.#names = prepared ? new StatementNames() : undefined;
    // An idle client whose backend dies emits 'error' on the pool; the next query reports it.
    if (ownsPool) pool.on('error', () => undefined);
  }

  static fromUrl(url: string, poolSize: number | undefined, prepared = true): PgDriver {
    const pool = new pg.Pool({ connectionString: url, ...(poolSize !== undefined ? { max: poolSize } : {}) });
    return new PgDriver(pool, true, prepared);
  }

  async query<R extends object>(text: string, params: readonly unknown[] = []): Promise<R[]> {
    const result = await this.#pool.query<R>(text, params as unknown[]);
    return result.rows;
  }

  async queryArrays(text: string, params: readonly unknown[] = []): Promise<unknown[][]> {
    const result = await this.#pool.query<unknown[]>({
      text,
      values: params as unknown[],
      rowMode: 'array',
      name: this.#names?.nameOf(text),
    });
    return result.rows;
  }

  async exec(text: string): Promise<void> {
    await this.#pool.query(text);
  }

  async transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let destroy = false;
    try {
      await client.query('BEGIN');
      const result = await work(queryable(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionLoss(error)) destroy = true;
      else
        await client.query('ROLLBACK').catch(() => {
          destroy = true;
        });
      throw error;
    } finally {
      // A client whose session broke is destroyed, not returned to the pool.
      client.release(destroy);
    }
  }

  async queryTracked<R extends object>(
    text: string,
    params: readonly unknown[],
  ): Promise<{ rows: R[] } | { lost: true; pid: number | undefined; cause: unknown }> {
    const client = await this.#pool.connect();
    const pid = (client as unknown as { processID?: number | null }).processID ?? undefined;
    try {
      const result = await client.query<R>({
        text,
        values: params as unknown[],
        name: this.#names?.nameOf(text),
      });
      client.release();
      return { rows: result.rows };
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      if (isConnectionLoss(error)) return { lost: true, pid, cause: error };
      throw error;
    }
  }

  async listen(channel: string, onNotify: () => void): Promise<Listener> {
    let closed = false;
    let client: pg.Client | undefined;
    let delay = RECONNECT_MIN_MS;
    let timer: NodeJS.Timeout | undefined;
    const connect = async (): Promise<void> => {
      const next = new pg.Client(this.#pool.options);
      next.on('notification', () => onNotify());
      next.on('error', () => reconnect(next));
      next.on('end', () => reconnect(next));
      try {
        await next.connect();
        await next.query(`LISTEN "${channel}"`);
      } catch (error) {
        await next.end().catch(() => undefined);
        throw error;
      }
      if (closed) {
        await next.end();
        return;
      }
      client = next;
      delay = RECONNECT_MIN_MS;
    };
    const reconnect = (dead: pg.Client): void => {
      if (closed || client !== dead) return;
      client = undefined;
      dead.end().catch(() => undefined);
      const retry = (): void => {
        timer = undefined;
        if (closed) return;
        connect().then(
          // Whatever was notified while the listener was down is read now.
          () => onNotify(),
          () => {
            delay = Math.min(delay * 2, RECONNECT_MAX_MS);
            timer = setTimeout(retry, delay);
          },
        );
      };
      timer = setTimeout(retry, delay);
    };
    await connect();
    return {
      close: async () => {
        closed = true;
        if (timer) clearTimeout(timer);
        const current = client;
        client = undefined;
        await current?.end().catch(() => undefined);
      },
    };
  }

  async close(): Promise<void> {
    if (this.#ownsPool) await this.#pool.end();
  }
}
