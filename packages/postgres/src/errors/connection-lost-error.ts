import { PostgresStoreError } from './postgres-store-error.js';

/**
 * The connection died while an append was in flight, and the store could not show that the
 * batch landed. `landed` is `false` when the store made sure the old session was gone and
 * found none of the batch (a retry writes it once), `'unknown'` when it could not check.
 * Either way a retry with `eventIds` (the ids the batch was given) is idempotent.
 */
export class ConnectionLostError extends PostgresStoreError {
  readonly streamId: string;
  readonly landed: false | 'unknown';
  /** The batch's event ids, including the ones the store generated: retry with these. */
  readonly eventIds: readonly string[];

  constructor(streamId: string, landed: false | 'unknown', eventIds: readonly string[], cause: unknown) {
    super(
      `append to stream '${streamId}' (connection lost; landed: ${String(landed)})`,
      cause,
      'POSTGRES_CONNECTION_LOST',
    );
    this.streamId = streamId;
    this.landed = landed;
    this.eventIds = eventIds;
  }
}
