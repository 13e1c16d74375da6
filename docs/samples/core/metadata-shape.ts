// Metadata as the guide shows it; metadata-shape.test.ts proves it identical to core's.
// #region metadata
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
// #endregion
