import { StrataError } from '@strata/core';
import { formatPath, type PathSegment } from './schema-path.js';

/**
 * `arbitraryOf` found no value that passes a schema: its bounds are empty, or a refinement
 * (or a combination it can only filter for) rejected every candidate it tried.
 */
export class UnsatisfiableSchemaError extends StrataError {
  readonly path: readonly PathSegment[];
  /** The zod schema kind (`def.type`, with the string format where there is one). */
  readonly kind: string;
  /** Candidates tried before giving up; 0 when the bounds alone leave nothing to try. */
  readonly tries: number;
  readonly reason: string;

  constructor(path: readonly PathSegment[], kind: string, tries: number, reason: string) {
    super(
      'ARBITRARY_UNSATISFIABLE',
      `arbitraryOf found no value for the ${kind} schema at ${formatPath(path)}` +
        `${tries > 0 ? ` in ${tries} tries` : ''}: ${reason}. ` +
        'Loosen the refinement, or pass an arbitrary for this schema in options.overrides.',
    );
    this.path = path;
    this.kind = kind;
    this.tries = tries;
    this.reason = reason;
  }
}
