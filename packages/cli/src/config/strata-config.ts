import type { EventSet, EventStore } from '@strata/core';
import type { Projection, ProjectionContext, ReadModelTarget } from '@strata/projections';
import type { SagaDefinition } from '@strata/sagas';

/** What `strata.config.ts|mjs|json` exports (default export or named exports). */
export interface StrataConfig {
  /** The store URL (`pglite:./data`, `postgres://…`, `esdb://…`); `STRATA_STORE_URL` and `--store` override it. */
  readonly store: string;
  /** The PostgreSQL schema of the store's tables (default `strata`). */
  readonly schema?: string;
  /** Event definitions to decode (and upcast) events with; without them events are shown raw. */
  readonly events?: EventSet | readonly EventSet[];
  /** The projections of your app, for `strata projections …` and `strata dead-letters …`. */
  /** (Of any handler context: the CLI only hands them to a runner with the config's target.) */
  readonly projections?: readonly Projection<never>[];
  /** The sagas of your app, for `strata sagas …`. */
  readonly sagas?: readonly SagaDefinition<never>[];
  /** Where read models go; default the PostgreSQL target on a PostgreSQL/PGlite store. */
  readonly target?: (store: EventStore) => ReadModelTarget<ProjectionContext>;
}

/** Gives a config its type in `strata.config.ts`. */
export function defineConfig(config: StrataConfig): StrataConfig {
  return config;
}
