import { StrataError } from '@strata/core';
import { formatPath, type PathSegment } from './schema-path.js';

/** `arbitraryOf` met a schema kind it cannot generate values for (a promise, a function, `z.never()`…). */
export class UnsupportedSchemaError extends StrataError {
  readonly path: readonly PathSegment[];
  /** The zod schema kind (`def.type`, with the string format where there is one). */
  readonly kind: string;
  readonly reason: string;

  constructor(path: readonly PathSegment[], kind: string, reason: string) {
    super(
      'ARBITRARY_UNSUPPORTED_SCHEMA',
      `arbitraryOf cannot generate values for the ${kind} schema at ${formatPath(path)}: ${reason}. ` +
        'Pass an arbitrary for it in options.overrides.',
    );
    this.path = path;
    this.kind = kind;
    this.reason = reason;
  }
}
