// Metadata as the guide shows it; metadata-shape.test.ts proves it identical to core's.
// #region metadata
export interface Metadata {
  /** The id shared by every event of one flow (a request, a saga). */
  readonly correlationId?: string;
  /** The id of the event (or command) that directly caused this one. */
  readonly causationId?: string;
  readonly tenantId?: string;
  readonly userId?: string;
  readonly [key: string]: unknown;
}
// #endregion
