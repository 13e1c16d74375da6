import { sqlStateOf } from '../errors/postgres-store-error.js';

/**
 * True when an error means the session is gone (the server shut it down, the socket died),
 * so an in-flight statement may or may not have committed.
 */
export function isConnectionLoss(error: unknown): boolean {
  const state = sqlStateOf(error);
  if (state !== undefined)
    return state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03';
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection error|ECONNRESET|EPIPE|ECONNREFUSED|not queryable/i.test(message);
}
