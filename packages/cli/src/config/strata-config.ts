import type { EventSet, EventStore } from '@strata/core';
import type { Projection, ProjectionContext, ReadModelTarget } from '@strata/projections';

/** What `strata.config.ts|mjs|json` exports (default export or named exports). */
export interface StrataConfig {
  /** The store URL (`pglite:./data`, `postgres://…`, `esdb://…`); `STRATA_STORE_URL` and `--store` override it. */
  readonly store: string;
  /** The PostgreSQL schema of the store's tables (default `strata`). */
  readonly schema?: string;
  /** Event definitions to decode (and upcast) events with; without them events are shown raw. */
  readonly events?: EventSet | readonly EventSet[];
  /** The projections of your app, for `strata projections …` and `strata dead-letters …`. */
  // Projections of any context: the CLI only hands them to the runner with their own target.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly projections?: readonly Projection<any>[];
  /** Where read models go; default the PostgreSQL target on a PostgreSQL/PGlite store. */
  readonly target?: (store: EventStore) => ReadModelTarget<ProjectionContext>;
}

/** Gives a config its type in `strata.config.ts`. */
export function defineConfig(config: StrataConfig): StrataConfig {
  return config;
}
