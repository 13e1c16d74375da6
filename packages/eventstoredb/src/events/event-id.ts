import { createHash } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The namespace of the ids derived from Strata event ids that are not UUIDs. */
export const STRATA_EVENT_ID_NAMESPACE = '6f0b3c1e-2d4a-4e8b-9c7d-5a1e2f3b4c5d';

/** A lowercase canonical UUID, the only form EventStoreDB gives back unchanged. */
export function isCanonicalUuid(id: string): boolean {
  return UUID.test(id);
}

/**
 * A name-based UUID (RFC 9562 version 5: SHA-1 of namespace and name) for an event id that is
 * not a UUID, so the same Strata id always becomes the same EventStoreDB id and a retried
 * append stays idempotent.
 */
export function uuidFromName(name: string, namespace: string = STRATA_EVENT_ID_NAMESPACE): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The EventStoreDB id of a Strata event id: itself when it is a canonical UUID. */
export function toEventStoreDBId(eventId: string): string {
  return isCanonicalUuid(eventId) ? eventId : uuidFromName(eventId);
}
