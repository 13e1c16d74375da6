import { createHmac, timingSafeEqual } from 'node:crypto';
import { WebhookSignatureError } from '../errors/integration-errors.js';

export const SIGNATURE_HEADER = 'x-strata-signature';
export const EVENT_ID_HEADER = 'x-strata-event-id';

/** Request headers as node:http (`IncomingHttpHeaders`) or fetch (`Headers`) give them. */
export type HeadersLike =
  { get(name: string): string | null } | Readonly<Record<string, string | readonly string[] | undefined>>;

function hmac(secret: string, timestamp: number, body: string | Uint8Array): Buffer {
  const mac = createHmac('sha256', secret);
  mac.update(`${timestamp}.`);
  mac.update(body);
  return mac.digest();
}

/** The `X-Strata-Signature` value for `body` sent at `timestamp` (unix seconds): `t=<unix>,v1=<hex>`. */
export function signWebhook(secret: string, body: string | Uint8Array, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body).toString('hex')}`;
}

function headerOf(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === 'function') {
    return (headers as { get(name: string): string | null }).get(name) ?? undefined;
  }
  const record = headers as Readonly<Record<string, string | readonly string[] | undefined>>;
  const key = Object.keys(record).find((k) => k.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? (value as readonly string[]).join(',') : (value as string | undefined);
}

export interface VerifyOptions {
  /** How far the timestamp may be from now, either way (the replay window). Default 300. */
  readonly toleranceSeconds?: number;
  /** Now, in milliseconds; injectable for tests. */
  readonly now?: () => number;
}

export interface VerifiedWebhook {
  readonly timestamp: number;
  /** The `X-Strata-Event-Id` header: the message id to deduplicate on. */
  readonly eventId: string | undefined;
}

/**
 * Checks a received webhook: the header is well formed, its timestamp within the tolerance,
 * and one of its `v1` signatures (several during a secret rotation) the HMAC of the raw body,
 * compared in constant time. Throws `WebhookSignatureError` naming the failed check.
 */
export function verifyWebhookSignature(
  secret: string,
  headers: HeadersLike,
  rawBody: string | Uint8Array,
  options: VerifyOptions = {},
): VerifiedWebhook {
  const header = headerOf(headers, SIGNATURE_HEADER);
  if (header === undefined || header.length === 0)
    throw new WebhookSignatureError('missing', `no ${SIGNATURE_HEADER} header`);
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (eq <= 0) throw new WebhookSignatureError('malformed', `'${part}' is not key=value`);
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== undefined)
        throw new WebhookSignatureError('malformed', 't must appear once, as unix seconds');
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(value))
        throw new WebhookSignatureError('malformed', 'v1 must be 64 hex digits');
      signatures.push(Buffer.from(value, 'hex'));
    }
    // Other keys (future schemes) are ignored, so senders can add them without breaking receivers.
  }
  if (timestamp === undefined) throw new WebhookSignatureError('malformed', 'no t=');
  if (signatures.length === 0) throw new WebhookSignatureError('malformed', 'no v1=');
  const tolerance = options.toleranceSeconds ?? 300;
  const nowSeconds = Math.floor((options.now?.() ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - timestamp) > tolerance)
    throw new WebhookSignatureError(
      'stale',
      `timestamp ${timestamp} is more than ${tolerance}s from now (${nowSeconds})`,
    );
  const expected = hmac(secret, timestamp, rawBody);
  // Compare against every candidate (no early exit), each in constant time.
  let matched = false;
  for (const signature of signatures) matched = timingSafeEqual(signature, expected) || matched;
  if (!matched) throw new WebhookSignatureError('mismatch', 'no v1 signature matches the body');
  return { timestamp, eventId: headerOf(headers, EVENT_ID_HEADER) };
}
