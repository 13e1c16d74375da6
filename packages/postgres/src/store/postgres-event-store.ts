import {
  checkExpectedRevision,
  prepareEvents,
  randomIds,
  StoreClosedError,
  systemClock,
  toRegistry,
  type AppendOptions,
  type AppendResult,
  type CheckpointStore,
  type Clock,
  type EventInput,
  type EventRegistry,
  type EventStore,
  type ExpectedRevision,
  type IdGenerator,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SnapshotStore,
  type SubscribeOptions,
  type Subscription,
} from '@strata/core';
import { PostgresCheckpointStore } from '../checkpoints/postgres-checkpoint-store.js';
import type { Driver, Queryable } from '../driver/driver.js';
import { PgDriver } from '../driver/pg-driver.js';
import { PGliteDriver } from '../driver/pglite-driver.js';
import { UnsupportedValueError } from '../errors/unsupported-value-error.js';
import { migrate, type MigrationReport } from '../migrations/migrate.js';
import { schemaNames, type SchemaNames } from '../schema/schema-names.js';
import { PostgresSnapshotStore } from '../snapshots/postgres-snapshot-store.js';
import type { PostgresTransaction } from '../unit-of-work/postgres-transaction.js';
import { appendOutcome, appendStatement, checkNames } from './append.js';
import { writeGroup } from './append-writer.js';
import { GroupCommit } from './group-commit.js';
import { ChangeFeed } from './change-feed.js';
import { textProblem } from './json-column.js';
import type { PostgresEventStoreOptions } from './options.js';
import { PostgresSubscription } from './postgres-subscription.js';
import { toBigInt } from './event-row.js';
import { logPage, readLog, type LogRead } from './log-reader.js';
import { streamPageQuery } from './read-queries.js';
import { StreamReader } from './stream-reader.js';
import { wrapError, type SqlRunner } from './sql-runner.js';
import { migrations as allMigrations } from '../migrations/migrations.js';

const MAX_REVISION = 9223372036854775807n;
/** Stream and log reads double their pages from `pageSize` up to this many times it (see `StreamReader`). */
const STREAM_PAGE_GROWTH = 16;

function driverFor(options: PostgresEventStoreOptions): Driver {
  const prepared = options.preparedStatements ?? true;
  if (options.pool) return new PgDriver(options.pool, false, prepared);
  if (options.pglite) return new PGliteDriver(options.pglite, false);
  const url = options.url ?? '';
  const colon = url.indexOf(':');
  const scheme = url.slice(0, colon + 1).toLowerCase();
  if (scheme === 'postgres:' || scheme === 'postgresql:')
    return PgDriver.fromUrl(url, options.poolSize, prepared);
  if (scheme === 'pglite:') {
    const path = url.slice(colon + 1).replace(/^\/\//, '');
    return PGliteDriver.open(path === '' ? undefined : path);
  }
  throw new UnsupportedValueError(
    'store URL',
    url,
    "give 'postgres://…', 'pglite:' or 'pglite:./dir', a pool or a PGlite",
  );
}

/**
 * The `EventStore` port on PostgreSQL (`pg`) or PGlite, with checkpoints, snapshots and a unit
 * of work on the same database. Construction is synchronous: it connects and migrates on
 * first use (or when `migrate()` is called).
 */
export class PostgresEventStore implements EventStore {
  readonly checkpoints: CheckpointStore;
  readonly snapshots: SnapshotStore;
  readonly #driver: Driver;
  readonly #names: SchemaNames;
  readonly #feed: ChangeFeed;
  readonly #registry: EventRegistry | undefined;
  readonly #maxEventBytes: number | undefined;
  readonly #clock: Clock;
  readonly #ids: IdGenerator;
  readonly #pageSize: number;
  readonly #pollIntervalMs: number;
  readonly #autoMigrate: boolean;
  readonly #subscriptions = new Set<PostgresSubscription>();
  readonly #sql: SqlRunner;
  readonly #group = new GroupCommit((group) => writeGroup(this.#driver, this.#names, this.#clock, group));
  #ready: Promise<void> | undefined;
  #closed = false;

  constructor(options: PostgresEventStoreOptions) {
    this.#names = schemaNames(options.schema ?? 'strata');
    this.#registry = toRegistry(options.events);
    this.#maxEventBytes = options.maxEventBytes;
    this.#clock = options.clock ?? systemClock;
    this.#ids = options.ids ?? randomIds;
    this.#pageSize = options.pageSize ?? 500;
    this.#pollIntervalMs = options.pollIntervalMs ?? 5_000;
    this.#autoMigrate = options.autoMigrate ?? true;
    this.#driver = driverFor(options);
    this.#feed = new ChangeFeed(this.#driver, this.#names.channel);
    this.#sql = {
      names: this.#names,
      run: async (operation, work) => {
        this.#assertOpen(operation);
        try {
          await this.#ensureReady();
          return await work(this.#driver);
        } catch (error) {
          throw wrapError(operation, error);
        }
      },
    };
    this.checkpoints = new PostgresCheckpointStore(this.#sql);
    this.snapshots = new PostgresSnapshotStore(this.#sql);
  }

  /** The PostgreSQL schema of the store's tables. */
  get schema(): string {
    return this.#names.schema;
  }

  /** Applies the missing migrations now (safe to call at any time, from any number of processes). */
  async migrate(): Promise<MigrationReport> {
    this.#assertOpen('migrate');
    try {
      const report = await migrate(this.#driver, this.#names);
      // Migrated: the first call needs no check of its own.
      this.#ready ??= Promise.resolve();
      return report;
    } catch (error) {
      throw wrapError('migrate', error);
    }
  }

  /**
   * The schema's migration version, read without migrating (undefined when the schema or its
   * migrations table does not exist yet), and the latest version this package would migrate to.
   */
  async schemaStatus(): Promise<{ readonly version: number | undefined; readonly latest: number }> {
    this.#assertOpen('read the schema version');
    const latest = Math.max(...allMigrations.map((migration) => migration.version));
    try {
      const [table] = await this.#driver.query<{ exists: boolean }>(
        'select to_regclass($1) is not null as exists',
        [`${this.#names.q}migrations`],
      );
      if (!table?.exists) return { version: undefined, latest };
      const [row] = await this.#driver.query<{ version: number | null }>(
        `select max(version) as version from ${this.#names.q}migrations`,
      );
      return { version: row?.version == null ? undefined : Number(row.version), latest };
    } catch (error) {
      throw wrapError('read the schema version', error);
    }
  }

  #ensureReady(): Promise<void> {
    if (!this.#autoMigrate) return Promise.resolve();
    if (!this.#ready) {
      const ready = this.migrate().then(() => undefined);
      this.#ready = ready;
      // A failed start-up (server down) is retried by the next call.
      ready.catch(() => {
        if (this.#ready === ready) this.#ready = undefined;
      });
    }
    return this.#ready;
  }

  #assertOpen(operation: string): void {
    if (this.#closed) throw new StoreClosedError(operation);
  }

  async append(
    streamId: string,
    events: readonly EventInput[],
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    this.#assertOpen('append');
    return this.#append(undefined, streamId, events, options.expectedRevision ?? 'any');
  }

  /** Appends on `tx` (a unit of work) or, without one, as one statement on any connection. */
  async #append(
    tx: Queryable | undefined,
    streamId: string,
    events: readonly EventInput[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    const prepared = prepareEvents(streamId, events, {
      ids: this.#ids,
      registry: this.#registry,
      ...(this.#maxEventBytes !== undefined ? { maxEventBytes: this.#maxEventBytes } : {}),
    });
    checkNames(streamId, prepared);
    try {
      if (!tx) await this.#ensureReady();
      const db = tx ?? this.#driver;
      if (prepared.length === 0) {
        const [row] = await db.query<{ revision: unknown; position: unknown }>(
          `select revision, position from ${this.#names.q}streams where stream_id = $1`,
          [streamId],
        );
        const current = toBigInt(row?.revision) ?? -1n;
        checkExpectedRevision(streamId, expected, current);
        return { nextExpectedRevision: current, position: toBigInt(row?.position) ?? -1n };
      }
      if (tx) {
        const { text, params } = appendStatement(
          this.#names,
          streamId,
          prepared,
          expected,
          this.#clock.now(),
        );
        return appendOutcome(streamId, prepared, expected, await tx.query(text, params));
      }
    } catch (error) {
      throw wrapError(`append to stream '${streamId}'`, error);
    }
    return this.#group.append({ streamId, prepared, expected });
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen('read a stream');
    return { [Symbol.asyncIterator]: () => this.#streamEvents(streamId, options) };
  }

  #streamEvents(streamId: string, options: ReadStreamOptions): AsyncIterator<RecordedEvent> {
    const backwards = options.direction === 'backwards';
    let from = options.from ?? (backwards ? MAX_REVISION : 0n);
    if (from < 0n && !backwards) from = 0n;
    // A name PostgreSQL text cannot hold names no stream: it reads as empty, like any missing one.
    const none = typeof streamId !== 'string' || textProblem(streamId) !== undefined;
    return new StreamReader({
      page: (at, limit) => {
        const { text, params } = streamPageQuery(this.#names, streamId, at, limit, backwards);
        return this.#sql.run('read a stream', (db) => db.queryArrays(text, params));
      },
      streamId,
      from,
      backwards,
      maxCount: none ? 0 : (options.maxCount ?? Number.POSITIVE_INFINITY),
      pageSize: this.#pageSize,
      maxPageSize: STREAM_PAGE_GROWTH * this.#pageSize,
    });
  }

  readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    this.#assertOpen('read all');
    const read = this.#logRead(this.#sql, true);
    return { [Symbol.asyncIterator]: () => readLog(read, options) };
  }

  #logRead(sql: SqlRunner, readAhead: boolean): LogRead {
    return { sql, pageSize: this.#pageSize, maxPageSize: STREAM_PAGE_GROWTH * this.#pageSize, readAhead };
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.#assertOpen('subscribe');
    const subscription = new PostgresSubscription(
      this.#feed,
      (from, filter) => logPage(this.#sql, from, this.#pageSize, undefined, filter),
      options.from ?? 0n,
      options.filter,
      this.#pollIntervalMs,
      options.onCaughtUp,
      (stopped) => this.#subscriptions.delete(stopped),
    );
    this.#subscriptions.add(subscription);
    return subscription;
  }

  /**
   * Runs `work` in one transaction: its `query`, `append`, `checkpoints` and `snapshots`
   * commit together when it returns and roll back when it throws (its error comes out as
   * thrown). Use only `tx` inside: on PGlite, a call on the store itself would wait for the
   * transaction to end.
   */
  async transaction<T>(work: (tx: PostgresTransaction) => Promise<T>): Promise<T> {
    this.#assertOpen('run a transaction');
    const failed: { error?: unknown } = {};
    try {
      await this.#ensureReady();
      return await this.#driver.transaction(async (db) => {
        const sql: SqlRunner = {
          names: this.#names,
          run: async (operation, inner) => {
            try {
              return await inner(db);
            } catch (error) {
              throw wrapError(operation, error);
            }
          },
        };
        const tx: PostgresTransaction = {
          schema: this.#names.schema,
          query: (text, params) =>
            sql.run('run a query in a transaction', (inner) => inner.query(text, params)),
          append: (streamId, events, options = {}) =>
            this.#append(db, streamId, events, options.expectedRevision ?? 'any'),
          readAll: (options = {}) => {
            const read = this.#logRead(sql, false);
            return { [Symbol.asyncIterator]: () => readLog(read, options) };
          },
          checkpoints: new PostgresCheckpointStore(sql),
          snapshots: new PostgresSnapshotStore(sql),
        };
        try {
          return await work(tx);
        } catch (error) {
          failed.error = error;
          throw error;
        }
      });
    } catch (error) {
      if ('error' in failed && error === failed.error) throw error;
      throw wrapError('run a transaction', error);
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#subscriptions].map((subscription) => subscription.stop()));
    await this.#feed.close();
    await this.#driver.close();
  }
}
