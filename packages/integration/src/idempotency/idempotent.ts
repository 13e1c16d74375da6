import { IdempotencyKeyBusyError, IntegrationOptionError } from '../errors/integration-errors.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import type { IdempotencyStore } from './idempotency-store.js';

export interface IdempotentOptions<M> {
  readonly store: IdempotencyStore;
  /** The key processed once. Default: the message's `idempotencyKey`. */
  readonly key?: (message: M) => string;
  /** Prefix of every key, so handlers sharing a store do not share keys. */
  readonly scope?: string;
  /** How long a done key is remembered (default 7 days): longer than any redelivery can arrive. */
  readonly ttlMs?: number;
  /** How long a claim lasts before a crashed holder's key can be claimed again (default 60 s). */
  readonly lockMs?: number;
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Wraps a consumer's handler so each key is processed once: a key already done is skipped,
 * one in progress elsewhere rejects with `IdempotencyKeyBusyError` (retry later), and a
 * failing handler releases its key so the retry runs it again.
 */
export function idempotent<M = IntegrationMessage>(
  handler: (message: M) => Promise<void> | void,
  options: IdempotentOptions<M>,
): (message: M) => Promise<void> {
  const ttlMs = options.ttlMs ?? 7 * DAY;
  const lockMs = options.lockMs ?? 60_000;
  if (!(ttlMs > 0)) throw new IntegrationOptionError('ttlMs', 'must be > 0');
  if (!(lockMs > 0)) throw new IntegrationOptionError('lockMs', 'must be > 0');
  const keyOf =
    options.key ??
    ((message: M) => {
      const key = (message as Partial<IntegrationMessage>).idempotencyKey;
      if (typeof key !== 'string')
        throw new IntegrationOptionError('key', 'the message has no idempotencyKey: pass a key function');
      return key;
    });
  const scoped = (message: M) =>
    options.scope === undefined ? keyOf(message) : `${options.scope}:${keyOf(message)}`;
  return async (message) => {
    const key = scoped(message);
    const claim = await options.store.claim(key, lockMs);
    if (claim === 'done') return;
    if (claim === 'busy') throw new IdempotencyKeyBusyError(key);
    try {
      await handler(message);
    } catch (error) {
      await options.store.release(key);
      throw error;
    }
    await options.store.complete(key, ttlMs);
  };
}
