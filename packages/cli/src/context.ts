import { createEventStore, type CheckpointStore, type EventStore } from '@strata/core';
import { PostgresEventStore } from '@strata/postgres';
import type { ProjectionContext, ReadModelTarget } from '@strata/projections';
import { PostgresReadModelTarget } from '@strata/projections/postgres';
import { loadConfig } from './config/load-config.js';
import type { StrataConfig } from './config/strata-config.js';
import { CliError } from './errors/cli-error.js';
import { loadStoreAdapter, type StoreAdapter } from './store/store-adapters.js';

/** The global options every command gets. */
export interface GlobalOptions {
  readonly config?: string;
  readonly store?: string;
  readonly schema?: string;
  readonly json?: boolean;
  readonly verbose?: boolean;
}

/** What a command works with: the loaded config and the store it names (opened lazily). */
export class CliContext {
  readonly config: Partial<StrataConfig>;
  readonly configPath: string | undefined;
  readonly url: string;
  readonly schema: string | undefined;
  readonly #adapter: StoreAdapter;
  #store: EventStore | undefined;
  #target: ReadModelTarget<ProjectionContext> | undefined;

  private constructor(
    config: Partial<StrataConfig>,
    path: string | undefined,
    url: string,
    schema: string | undefined,
    adapter: StoreAdapter,
  ) {
    this.config = config;
    this.configPath = path;
    this.url = url;
    this.schema = schema;
    this.#adapter = adapter;
  }

  static async open(options: GlobalOptions, cwd = process.cwd()): Promise<CliContext> {
    const { config, path } = await loadConfig(options.config, cwd);
    const fromEnv = process.env.STRATA_STORE_URL;
    const url =
      options.store ?? (fromEnv !== undefined && fromEnv !== '' ? fromEnv : undefined) ?? config.store;
    if (url === undefined || url === '')
      throw new CliError(
        'NO_STORE',
        'no store URL given',
        'pass --store <url>, set STRATA_STORE_URL, or add a strata.config.ts with { store: "<url>" }',
        2,
      );
    return new CliContext(config, path, url, options.schema ?? config.schema, await loadStoreAdapter(url));
  }

  get store(): EventStore {
    if (!this.#store) {
      try {
        this.#store = createEventStore(this.url, {
          ...(this.schema !== undefined ? { schema: this.schema } : {}),
          ...(this.config.events !== undefined ? { events: this.config.events } : {}),
        });
      } catch (error) {
        throw new CliError(
          'BAD_STORE_URL',
          `cannot open store ${this.url}: ${(error as Error).message}`,
          'use postgres://…, pglite:<dir>, esdb://… or memory: (via --store, STRATA_STORE_URL or the config)',
          2,
          { cause: error },
        );
      }
    }
    return this.#store;
  }

  /** The PostgreSQL store, for commands that only make sense on one (migrate). */
  postgres(command: string): PostgresEventStore {
    const store = this.store;
    if (!(store instanceof PostgresEventStore))
      throw new CliError(
        'UNSUPPORTED_STORE',
        `strata ${command} needs a PostgreSQL or PGlite store, not ${this.url}`,
        'point --store at postgres://… or pglite:<dir>',
        2,
      );
    return store;
  }

  /** Where processors (projections without a target of their own, sagas) keep checkpoints. */
  checkpoints(command: string): CheckpointStore {
    const checkpoints = this.#adapter.checkpoints(this.store);
    if (!checkpoints)
      throw new CliError(
        'NO_CHECKPOINTS',
        `strata ${command} needs a store that keeps checkpoints, not ${this.url}`,
        'point --store at postgres://…, pglite:<dir> or esdb://…',
        2,
      );
    return checkpoints;
  }

  /** The read-model target: one per command, so a config target opens its database once. */
  target(): ReadModelTarget<ProjectionContext> {
    this.#target ??= this.#makeTarget();
    return this.#target;
  }

  #makeTarget(): ReadModelTarget<ProjectionContext> {
    if (this.config.target) return this.config.target(this.store);
    const store = this.store;
    if (store instanceof PostgresEventStore) return new PostgresReadModelTarget({ store });
    throw new CliError(
      'NO_TARGET',
      `no read-model target for store ${this.url}`,
      'export target: (store) => new YourTarget(...) from strata.config.ts',
      2,
    );
  }

  /** Closes the config's target, when it has a `close()` (its own connections), then the store. */
  async close(): Promise<void> {
    const target = this.#target as { close?: () => Promise<void> } | undefined;
    try {
      if (this.config.target && typeof target?.close === 'function') await target.close();
    } finally {
      if (this.#store) await this.#adapter.close(this.#store);
    }
  }
}
