import {
  decodeRecordedEvent,
  encodeRecordedEvent,
  type CheckpointStore,
  type RecordedEventJson,
} from '@strata/core';
import type { PostgresEventStore, PostgresTransaction } from '@strata/postgres';
import { BuildRetiredError, LeaseLostError } from '../errors/projection-errors.js';
import type { ReadDocuments } from '../target/documents.js';
import {
  checkpointName,
  type BatchUnit,
  type BuildRecord,
  type DeadLetter,
  type LeaseClaim,
  type Leases,
  type ProjectionContext,
  type ReadModelTarget,
  type StoredError,
} from '../target/read-model-target.js';
import { buildPrefix, buildTable, quote } from './identifiers.js';
import { DocumentBuffer } from './document-buffer.js';
import { readDocuments } from './postgres-documents.js';
import { createProjectionTables } from './projection-tables.js';

/** What handlers get on PostgreSQL: documents, plus the batch's transaction and this build's tables. */
export interface PostgresProjectionContext extends ProjectionContext {
  /** The batch's transaction: what you write through it commits with the checkpoint. */
  readonly sql: PostgresTransaction;
  /** The quoted, schema-qualified name of this build's table `name` (a new build gets new tables). */
  readonly table: (name: string) => string;
}

export interface PostgresReadModelTargetOptions {
  /** The store whose transactions (and checkpoint table) the read models share. */
  readonly store: PostgresEventStore;
  /** The schema of the read-model tables. Default: the store's schema. */
  readonly schema?: string;
}

type BuildRow = { name: string; version: number; generation: number; state: BuildRecord['state'] };
type LetterRow = {
  id: string;
  projection: string;
  version: number;
  generation: number;
  event: RecordedEventJson;
  error: StoredError;
  attempts: number;
  failed_at: string | Date;
};

/**
 * Read models in PostgreSQL: documents as `jsonb` rows in one table per build, your own tables
 * beside them. A batch's writes, its checkpoint and its dead letters commit in one transaction,
 * so each event takes effect exactly once.
 */
export class PostgresReadModelTarget implements ReadModelTarget<PostgresProjectionContext> {
  readonly delivery = 'exactly-once' as const;
  readonly checkpoints: CheckpointStore;
  readonly leases: Leases;
  readonly schema: string;
  readonly #store: PostgresEventStore;
  #ready: Promise<void> | undefined;

  constructor(options: PostgresReadModelTargetOptions) {
    this.#store = options.store;
    this.schema = options.schema ?? options.store.schema;
    this.checkpoints = options.store.checkpoints;
    this.leases = {
      acquire: (key, owner, ttlMs) => this.#acquire(key, owner, ttlMs),
      renew: (key, owner, ttlMs) => this.#renew(key, owner, ttlMs),
      release: (key, owner) =>
        this.#tx(async (tx) => {
          await tx.query(`delete from ${this.#t('projection_leases')} where key = $1 and owner = $2`, [
            key,
            owner,
          ]);
        }),
    };
  }

  /** The quoted, schema-qualified name of a build's table (what `table(name)` gives handlers). */
  tableOf(build: Pick<BuildRecord, 'name' | 'version' | 'generation'>, name: string): string {
    return `${quote(this.schema)}.${quote(buildTable(build, name))}`;
  }

  async builds(name: string): Promise<BuildRecord[]> {
    return this.#tx(async (tx) =>
      (
        await tx.query<BuildRow>(
          `select name, version, generation, state from ${this.#t('projection_builds')}
           where name = $1 order by version, generation`,
          [name],
        )
      ).map(({ name, version, generation, state }) => ({ name, version, generation, state })),
    );
  }

  async createBuild(build: BuildRecord): Promise<void> {
    await this.#tx(async (tx) => {
      await tx.query(
        `insert into ${this.#t('projection_builds')} (name, version, generation, state)
         select $1, $2, $3, case when exists (select 1 from ${this.#t('projection_builds')} where name = $1 and state = 'active')
                                 then $4 else 'active' end
         on conflict do nothing`,
        [build.name, build.version, build.generation, build.state],
      );
      await tx.query(`create table if not exists ${this.tableOf(build, 'documents')} (
        collection text not null, id text not null, doc jsonb not null, primary key (collection, id))`);
    });
  }

  async activate(build: BuildRecord): Promise<void> {
    await this.#tx(async (tx) => {
      const builds = this.#t('projection_builds');
      await tx.query(`update ${builds} set state = 'retired' where name = $1 and state = 'active'`, [
        build.name,
      ]);
      await tx.query(
        `update ${builds} set state = 'active' where name = $1 and version = $2 and generation = $3`,
        [build.name, build.version, build.generation],
      );
    });
  }

  async drop(build: BuildRecord): Promise<void> {
    await this.#tx(async (tx) => {
      const tables = await tx.query<{ tablename: string }>(
        `select tablename from pg_tables where schemaname = $1 and starts_with(tablename, $2)`,
        [this.schema, buildPrefix(build)],
      );
      for (const { tablename } of tables)
        await tx.query(`drop table if exists ${quote(this.schema)}.${quote(tablename)}`);
      const key = [build.name, build.version, build.generation];
      await tx.query(
        `delete from ${this.#t('projection_builds')} where name = $1 and version = $2 and generation = $3`,
        key,
      );
      await tx.query(
        `delete from ${this.#t('projection_dead_letters')} where projection = $1 and version = $2 and generation = $3`,
        key,
      );
    });
  }

  async batch<T>(
    build: BuildRecord,
    _checkpoints: CheckpointStore,
    work: (unit: BatchUnit<PostgresProjectionContext>) => Promise<T>,
    lease?: LeaseClaim,
  ): Promise<T> {
    return this.#tx((tx) => this.runIn(tx, build, work, lease));
  }

  /**
   * Runs a batch inside a transaction you already have (inline projections use it): the same
   * checks and writes as `batch`, committed with your transaction. Call `ready()` first.
   */
  async runIn<T>(
    tx: PostgresTransaction,
    build: BuildRecord,
    work: (unit: BatchUnit<PostgresProjectionContext>) => Promise<T>,
    lease?: LeaseClaim,
  ): Promise<T> {
    // Locks the build row and the lease row until commit: a switch or a takeover waits for us.
    const [row] = await tx.query<{ state: string }>(
      `select state from ${this.#t('projection_builds')} where name = $1 and version = $2 and generation = $3 for share`,
      [build.name, build.version, build.generation],
    );
    if (!row || row.state === 'retired')
      throw new BuildRetiredError(build.name, build.version, build.generation);
    if (lease) {
      const held = await tx.query(
        `select 1 from ${this.#t('projection_leases')} where key = $1 and owner = $2 and expires_at > now() for share`,
        [lease.key, lease.owner],
      );
      if (held.length === 0) throw new LeaseLostError(lease.key, lease.owner);
    }
    const buffer = new DocumentBuffer(
      (text, params) => tx.query(text, params),
      this.tableOf(build, 'documents'),
    );
    // The handlers' own SQL sees their document writes: the buffer is written before it runs.
    const sql: PostgresTransaction = {
      schema: tx.schema,
      query: async <R extends object = Record<string, unknown>>(
        text: string,
        params?: readonly unknown[],
      ) => {
        await buffer.flush();
        return tx.query<R>(text, params);
      },
      append: (...args) => tx.append(...args),
      readAll: (options) => tx.readAll(options),
      checkpoints: tx.checkpoints,
      snapshots: tx.snapshots,
    };
    let checkpoint: bigint | undefined;
    const added: DeadLetter[] = [];
    const removed: string[] = [];
    const result = await work({
      context: {
        sql,
        table: (name) => this.tableOf(build, name),
        documents: <D>(collection: string) => buffer.collection<D>(collection),
      },
      saveCheckpoint: (position) => void (checkpoint = position),
      addDeadLetter: (letter) => void added.push(letter),
      removeDeadLetter: (id) => void removed.push(id),
    });
    await buffer.flush();
    for (const letter of added) await this.#insertLetter(tx, letter);
    if (removed.length > 0)
      await tx.query(`delete from ${this.#t('projection_dead_letters')} where id = any($1)`, [removed]);
    if (checkpoint !== undefined) await tx.checkpoints.save(checkpointName(build), checkpoint);
    return result;
  }

  /** Creates the target's own tables if they are missing (every other call does it first). */
  ready(): Promise<void> {
    this.#ready ??= this.#store
      .transaction((tx) => createProjectionTables(tx, this.schema))
      .catch((error: unknown) => {
        this.#ready = undefined;
        throw error;
      });
    return this.#ready;
  }

  async deadLetters(projection?: string): Promise<DeadLetter[]> {
    const rows = await this.#tx((tx) =>
      tx.query<LetterRow>(
        `select * from ${this.#t('projection_dead_letters')} where $1::text is null or projection = $1 order by position, id`,
        [projection ?? null],
      ),
    );
    return rows.map((row) => ({
      id: row.id,
      projection: row.projection,
      version: row.version,
      generation: row.generation,
      event: decodeRecordedEvent(row.event),
      error: row.error,
      attempts: row.attempts,
      failedAt: new Date(row.failed_at),
    }));
  }

  documents<T = unknown>(projection: string, collection: string): ReadDocuments<T> {
    // Each read finds the active build and reads its table in one transaction; a switch that
    // drops the table in between makes it look again.
    const read = <R>(use: (docs: ReadDocuments<T>) => Promise<R>): Promise<R> =>
      this.#retryingDroppedTable(() =>
        this.#tx(async (tx) => {
          const [active] = await tx.query<BuildRow>(
            `select name, version, generation from ${this.#t('projection_builds')} where name = $1 and state = 'active'`,
            [projection],
          );
          if (!active) return use(EMPTY as ReadDocuments<T>);
          return use(
            readDocuments<T>(
              (text, params) => tx.query(text, params),
              this.tableOf(active, 'documents'),
              collection,
            ),
          );
        }),
      );
    return {
      get: (id) => read((docs) => docs.get(id)),
      find: (predicate) => read((docs) => docs.find(predicate)),
      count: () => read((docs) => docs.count()),
    };
  }

  async countEvents(from: bigint, eventTypes: readonly string[]): Promise<bigint> {
    const [row] = await this.#store.transaction((tx) =>
      tx.query<{ n: string }>(
        `select count(*)::text as n from ${quote(tx.schema)}.events where position >= $1 and type = any($2)`,
        [from.toString(), [...eventTypes]],
      ),
    );
    return BigInt(row?.n ?? '0');
  }

  async #renew(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const rows = await this.#tx((tx) =>
      tx.query(
        `update ${this.#t('projection_leases')} set expires_at = now() + $3 * interval '1 millisecond'
         where key = $1 and owner = $2 and expires_at > now()
         returning owner`,
        [key, owner, ttlMs],
      ),
    );
    return rows.length === 1;
  }

  async #acquire(key: string, owner: string, ttlMs: number): Promise<boolean> {
    const rows = await this.#tx((tx) =>
      tx.query(
        `insert into ${this.#t('projection_leases')} as l (key, owner, expires_at)
         values ($1, $2, now() + $3 * interval '1 millisecond')
         on conflict (key) do update set owner = excluded.owner, expires_at = excluded.expires_at
         where l.owner = excluded.owner or l.expires_at <= now()
         returning owner`,
        [key, owner, ttlMs],
      ),
    );
    return rows.length === 1;
  }

  async #insertLetter(tx: PostgresTransaction, letter: DeadLetter): Promise<void> {
    await tx.query(
      `insert into ${this.#t('projection_dead_letters')}
         (id, projection, version, generation, position, event, error, attempts, failed_at)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9)
       on conflict (id) do update set error = excluded.error, attempts = excluded.attempts, failed_at = excluded.failed_at`,
      [
        letter.id,
        letter.projection,
        letter.version,
        letter.generation,
        letter.event.position.toString(),
        JSON.stringify(encodeRecordedEvent(letter.event)),
        JSON.stringify(letter.error),
        letter.attempts,
        letter.failedAt.toISOString(),
      ],
    );
  }

  async #retryingDroppedTable<R>(read: () => Promise<R>): Promise<R> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        if (attempt >= 3 || (error as { sqlState?: unknown }).sqlState !== '42P01') throw error;
      }
    }
  }

  #t(table: string): string {
    return `${quote(this.schema)}.${quote(table)}`;
  }

  async #tx<R>(work: (tx: PostgresTransaction) => Promise<R>): Promise<R> {
    await this.ready();
    return this.#store.transaction(work);
  }
}

const EMPTY: ReadDocuments<unknown> = {
  get: async () => undefined,
  find: async () => [],
  count: async () => 0,
};
