import { createHash } from 'node:crypto';

/**
 * The stable id of the `index`-th message mapped from event `eventId`: a UUID-shaped digest,
 * so every redelivery of the same message (after a crash, a retry, a rebuild) has the same id.
 */
export function messageIdOf(eventId: string, index: number, messageType: string): string {
  const hex = createHash('sha256').update(`${eventId}\u0000${index}\u0000${messageType}`).digest('hex');
  // Version 8 (custom) UUID layout, so tools that expect a UUID accept it.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
