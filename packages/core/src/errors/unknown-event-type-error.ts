import { StrataError } from './strata-error.js';

/** An event whose type no definition in the reader's set knows. */
export class UnknownEventTypeError extends StrataError {
  readonly eventType: string;
  readonly streamId: string | undefined;
  readonly revision: bigint | undefined;
  readonly knownTypes: readonly string[];

  constructor(
    eventType: string,
    where: { streamId?: string; revision?: bigint; knownTypes?: readonly string[] } = {},
  ) {
    const at =
      where.streamId !== undefined
        ? ` in stream '${where.streamId}'${where.revision !== undefined ? ` at revision ${where.revision.toString()}` : ''}`
        : '';
    const known = where.knownTypes?.length ? `; known types: ${where.knownTypes.join(', ')}` : '';
    super('UNKNOWN_EVENT_TYPE', `Unknown event type '${eventType}'${at}${known}`);
    this.eventType = eventType;
    this.streamId = where.streamId;
    this.revision = where.revision;
    this.knownTypes = where.knownTypes ?? [];
  }
}
