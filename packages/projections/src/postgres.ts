export {
  PostgresReadModelTarget,
  type PostgresProjectionContext,
  type PostgresReadModelTargetOptions,
} from './postgres/postgres-read-model-target.js';
import type { PostgresProjectionContext } from './postgres/postgres-read-model-target.js';
import { projectionDefiner } from './definition/define-projection.js';

/** Defines a projection whose handlers also get `sql` and `table(name)` (PostgreSQL target only). */
export const definePostgresProjection = projectionDefiner<PostgresProjectionContext>();
export { InlineProjections, type InlineProjectionsOptions } from './postgres/inline-projections.js';
