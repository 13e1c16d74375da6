import type { Metadata } from '@strata/core';

/**
 * How Strata's metadata travels in EventStoreDB's custom metadata (a JSON object):
 *
 * - `correlationId` and `causationId` are written as `$correlationId` and `$causationId`,
 *   the keys EventStoreDB's own tools and `$by_correlation_id` projection read;
 * - every other key (`tenantId`, `userId`, the user's own) is written as it is;
 * - `$strata` holds what only Strata needs: `{ "schemaVersion": 2, "eventId": "…" }`, where
 *   `eventId` is present only when the Strata id is not a lowercase UUID (see event-id.ts).
 *
 * Reading reverses it; events without `$strata` (written by other clients) read with schema
 * version 1, their own id, and their metadata object as it is (non-objects read as `{}`).
 */
export const STRATA_METADATA_KEY = '$strata';

export interface StrataEnvelope {
  readonly schemaVersion: number;
  readonly eventId?: string;
}

export function encodeMetadata(metadata: Metadata, envelope: StrataEnvelope): Record<string, unknown> {
  const { correlationId, causationId, ...rest } = metadata;
  return {
    ...rest,
    ...(correlationId !== undefined ? { $correlationId: correlationId } : {}),
    ...(causationId !== undefined ? { $causationId: causationId } : {}),
    [STRATA_METADATA_KEY]: envelope,
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

export interface DecodedMetadata {
  readonly metadata: Metadata;
  readonly schemaVersion: number;
  /** The Strata event id when it differs from the EventStoreDB id. */
  readonly eventId: string | undefined;
}

export function decodeMetadata(raw: unknown): DecodedMetadata {
  if (!isPlainObject(raw)) return { metadata: {}, schemaVersion: 1, eventId: undefined };
  const { [STRATA_METADATA_KEY]: envelope, $correlationId, $causationId, ...rest } = raw;
  const strata = isPlainObject(envelope) ? envelope : {};
  const version = strata.schemaVersion;
  const metadata: Record<string, unknown> = { ...rest };
  if (typeof $correlationId === 'string') metadata.correlationId = $correlationId;
  else if ($correlationId !== undefined) metadata.$correlationId = $correlationId;
  if (typeof $causationId === 'string') metadata.causationId = $causationId;
  else if ($causationId !== undefined) metadata.$causationId = $causationId;
  return {
    metadata,
    schemaVersion: typeof version === 'number' && Number.isInteger(version) && version >= 1 ? version : 1,
    eventId: typeof strata.eventId === 'string' ? strata.eventId : undefined,
  };
}
