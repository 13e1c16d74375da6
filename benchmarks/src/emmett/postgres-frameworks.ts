// Strata's PostgresEventStore and Emmett's getPostgreSQLEventStore behind one small shape, so
// each case below is written once and runs the same work on both. Each side is written the
// way its users write it: Strata's store.append and Repository.load; Emmett's appendToStream
// and aggregateStream with the decider's evolve (what its CommandHandler runs).
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { getPostgreSQLEventStore, readMessagesBatch } from '@event-driven-io/emmett-postgresql';
import { dumbo } from '@event-driven-io/dumbo';
import { Repository, type EventInput, type ExpectedRevision } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';
import { LoyaltyAccount } from '../domain/loyalty-account.js';
import { loyaltyEvent } from '../domain/loyalty-history.js';
import {
  createFreshDatabase,
  DEFAULT_PG_TYPES,
  warmPool,
  type FreshDatabase,
} from '../postgres/fresh-database.js';
import { evolve, initialState, toEmmettEvent, type LoyaltyEvent } from './loyalty-decider.js';

export type FrameworkName = 'Strata' | 'Emmett';

/** What a case needs of a store on its fresh database. */
export interface OpenedStore {
  /**
   * A writer of one stream that passes the expected version each call, as command handling
   * does. `prepare` turns the events into the framework's shape (untimed); `write` appends
   * one prepared batch and returns how many events the stream then holds.
   */
  writer(streamId: string): {
    prepare(batch: readonly EventInput[]): unknown;
    write(prepared: unknown): Promise<number>;
  };
  /** Appends `perStream` loyalty events to each account, 100 per call (untimed filling). */
  fill(accounts: readonly string[], perStream: number): Promise<void>;
  /** Loads an account's state and how many events it was built from. */
  load(accountId: string): Promise<{ state: LoyaltyStateLike; events: number }>;
  /** Reads every event from the start, in order; calls `each` with its type, data, position. */
  readAll(each: (type: string, data: unknown, position: bigint) => void): Promise<void>;
  /** Events, distinct positions and streams in the store's table: what append cases check. */
  stored(): Promise<{ events: number; positions: number; streams: number }>;
  /** Closes the store and its pool and drops the database. */
  close(): Promise<void>;
}

export interface LoyaltyStateLike {
  readonly enrolled: boolean;
  readonly balance: number;
  readonly history: readonly unknown[];
}

export interface Framework {
  readonly name: FrameworkName;
  /** A migrated store on a database created for it. */
  open(): Promise<OpenedStore>;
}

/** Connections per pool: one per concurrent writer of the 16-writer case, on both sides. */
export const PG_POOL_SIZE = 16;
/** Rows per read query on both sides (Strata's default page). */
export const PAGE = 500;
const FILL_BATCH = 100;

const expectedOf = (revision: bigint): ExpectedRevision => (revision === -1n ? 'no_stream' : revision);

type Counts = { events: number; positions: number; streams: number };

async function withDatabase<T>(make: (db: FreshDatabase) => Promise<T>): Promise<T> {
  const db = await createFreshDatabase();
  try {
    return await make(db);
  } catch (error) {
    await db.drop();
    throw error;
  }
}

export const strata: Framework = {
  name: 'Strata',
  open: () =>
    withDatabase(async (db) => {
      const pool = await warmPool(db.url, PG_POOL_SIZE, DEFAULT_PG_TYPES);
      const store = new PostgresEventStore({ pool, pageSize: PAGE });
      await store.migrate();
      const repository = new Repository(store, LoyaltyAccount);
      return {
        writer(streamId) {
          let revision = -1n;
          return {
            prepare: (batch) => batch,
            async write(prepared) {
              const result = await store.append(streamId, prepared as readonly EventInput[], {
                expectedRevision: expectedOf(revision),
              });
              revision = result.nextExpectedRevision;
              return Number(revision + 1n);
            },
          };
        },
        async fill(accounts, perStream) {
          for (const account of accounts) {
            for (let start = 0; start < perStream; start += FILL_BATCH) {
              const batch = [];
              for (let i = start; i < Math.min(perStream, start + FILL_BATCH); i++)
                batch.push(loyaltyEvent(account, i));
              await store.append(repository.streamIdOf(account), batch);
            }
          }
        },
        async load(accountId) {
          const account = await repository.load(accountId);
          return { state: account.state, events: Number(account.version + 1n) };
        },
        async readAll(each) {
          for await (const event of store.readAll()) each(event.type, event.data, event.position);
        },
        async stored() {
          const { rows } = await pool.query<Counts>(
            `select count(*)::int as events, count(distinct position)::int as positions,
                    count(distinct stream_id)::int as streams from "${store.schema}".events`,
          );
          return rows[0]!;
        },
        async close() {
          await store.close();
          await pool.end();
          await db.drop();
        },
      };
    }),
};

export const emmett: Framework = {
  name: 'Emmett',
  open: () =>
    withDatabase(async (db) => {
      // Emmett's own pool is pg's default of 10 connections; it gets the same 16 as Strata.
      const pool = await warmPool(db.url, PG_POOL_SIZE);
      const store = getPostgreSQLEventStore(db.url, {
        connectionOptions: { pool },
        schema: { autoMigration: 'None' },
      });
      await store.schema.migrate();
      // readAll: the batch read Emmett's consumers pull with, without their polling pauses.
      const reader = dumbo({ connectionString: db.url, pool });
      const streamIdOf = (accountId: string) => `${LoyaltyAccount.category}-${accountId}`;
      return {
        writer(streamId) {
          let version = 0n;
          return {
            prepare: (batch) => batch.map(toEmmettEvent),
            async write(prepared) {
              const result = await store.appendToStream<LoyaltyEvent>(streamId, prepared as LoyaltyEvent[], {
                expectedStreamVersion: version === 0n ? STREAM_DOES_NOT_EXIST : version,
              });
              version = result.nextExpectedStreamVersion;
              return Number(version);
            },
          };
        },
        async fill(accounts, perStream) {
          for (const account of accounts) {
            for (let start = 0; start < perStream; start += FILL_BATCH) {
              const batch = [];
              for (let i = start; i < Math.min(perStream, start + FILL_BATCH); i++)
                batch.push(toEmmettEvent(loyaltyEvent(account, i)));
              await store.appendToStream<LoyaltyEvent>(streamIdOf(account), batch);
            }
          }
        },
        async load(accountId) {
          const result = await store.aggregateStream(streamIdOf(accountId), { evolve, initialState });
          return { state: result.state, events: Number(result.currentStreamVersion) };
        },
        async readAll(each) {
          let after = 0n;
          for (;;) {
            const batch = await readMessagesBatch<LoyaltyEvent>(reader.execute, { after, batchSize: PAGE });
            for (const message of batch.messages)
              each(message.type, message.data, message.metadata.globalPosition);
            after = batch.currentGlobalPosition;
            if (!batch.areMessagesLeft) return;
          }
        },
        async stored() {
          const { rows } = await pool.query<Counts>(
            `select count(*)::int as events, count(distinct global_position)::int as positions,
                    count(distinct stream_id)::int as streams from emt_messages`,
          );
          return rows[0]!;
        },
        async close() {
          await store.close();
          await pool.end().catch(() => undefined);
          await db.drop();
        },
      };
    }),
};
