/**
 * What travels beside an event's data: who caused it and in which flow. The four named
 * keys have fixed meanings; any other key is the user's own and must be JSON.
 */
export interface Metadata {
  /** The id shared by every event of one flow (a request, a saga). */
  readonly correlationId?: string | undefined;
  /** The id of the event (or command) that directly caused this one. */
  readonly causationId?: string | undefined;
  readonly tenantId?: string | undefined;
  readonly userId?: string | undefined;
  readonly [key: string]: unknown;
}

/**
 * Metadata for the events that `cause` causes: same correlation (or the cause itself
 * starts one), the cause as causation, tenant and user carried over.
 */
export function causedBy(
  cause: { readonly eventId: string; readonly metadata: Metadata },
  extra: Metadata = {},
): Metadata {
  const { correlationId, tenantId, userId } = cause.metadata;
  return {
    correlationId: correlationId ?? cause.eventId,
    causationId: cause.eventId,
    ...(tenantId !== undefined ? { tenantId } : {}),
    ...(userId !== undefined ? { userId } : {}),
    ...extra,
  };
}

/** Later metadata wins key by key; `undefined` values do not erase earlier ones. */
export function mergeMetadata(...parts: ReadonlyArray<Metadata | undefined>): Metadata {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    if (!part) continue;
    for (const key of Object.keys(part)) {
      const value = part[key];
      if (value !== undefined) out[key] = value;
    }
  }
  return out;
}
