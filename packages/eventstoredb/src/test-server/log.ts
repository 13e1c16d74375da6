/**
 * The test server's in-memory transaction log: one array in position order (what `$all`
 * reads) and an index of streams. Rules are copied from EventStoreDB / KurrentDB as noted.
 */

/** .NET ticks are 100 ns; the client divides `created` by 10 000 to get milliseconds. */
const TICKS_PER_MS = 10_000n;
/** `long.MaxValue`: the `$tb` a soft delete writes (KurrentDB `EventNumber.DeletedStream`). */
export const DELETED_STREAM = 9_223_372_036_854_775_807n;
/** Fixed per-record overhead, so positions look like byte offsets in a log file (with gaps). */
const RECORD_HEADER_BYTES = 64n;

export interface LogRecord {
  readonly streamName: string;
  readonly revision: bigint;
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  readonly created: bigint;
  /**
   * Commit and prepare position: KurrentDB's `AllReader` gives a v20+ event (a self-committed
   * prepare record) the position `TFPos(prepare.LogPosition, prepare.LogPosition)`.
   */
  readonly position: bigint;
}

export interface ProposedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** KurrentDB `Event.SizeOnDisk`: data, metadata and the type in UTF-16, summed over a write. */
export function appendSize(events: readonly ProposedEvent[]): number {
  return events.reduce((size, e) => size + e.data.length + e.metadata.length + e.type.length * 2, 0);
}

export type Expected =
  | { readonly kind: 'any' }
  | { readonly kind: 'no_stream' }
  | { readonly kind: 'stream_exists' }
  | { readonly kind: 'revision'; readonly revision: bigint };

export type AppendOutcome =
  | { readonly kind: 'success'; readonly currentRevision: bigint; readonly position: bigint | undefined }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: bigint };

/** A read or write of a tombstoned (hard-deleted) stream. */
export class StreamDeletedFault extends Error {
  constructor(readonly streamName: string) {
    super(`Event stream '${streamName}' is deleted.`);
  }
}

/** A delete whose expected revision did not hold (deletes are not idempotent). */
export class WrongExpectedVersionFault extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: Expected,
    readonly currentRevision: bigint,
  ) {
    super(`Wrong expected version for '${streamName}'`);
  }
}

/** A `$all` position that is not where a record starts (KurrentDB answers `InvalidPosition`). */
export class InvalidPositionFault extends Error {
  constructor(readonly position: bigint) {
    super(`Invalid position ${position.toString()}`);
  }
}

interface StreamState {
  readonly records: LogRecord[];
  readonly byEventId: Map<string, bigint>;
  tombstoned: boolean;
}

export interface StreamMetadata {
  readonly maxCount?: number;
  readonly truncateBefore?: bigint;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class TestLog {
  readonly all: LogRecord[] = [];
  readonly #byPosition = new Map<bigint, number>();
  readonly #streams = new Map<string, StreamState>();
  readonly #listeners = new Set<(record: LogRecord) => void>();
  #nextPosition = 0n;
  readonly #now: () => number;
  /** Answer a repeated write without its position, as a server that does not look it up may. */
  repeatWithoutPosition = false;
  /** KurrentDB's `MaxAppendSize` option; its default is `TFConsts.ChunkSize` (256 MiB). */
  maxAppendSize = 256 * 1024 * 1024;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** The position after the last record: reading from it gives nothing, and it is valid. */
  get endPosition(): bigint {
    return this.#nextPosition;
  }

  onRecord(listener: (record: LogRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Index in `all` of the first record at or after `position`, which must be a record start. */
  indexOf(position: bigint): number {
    if (position === this.#nextPosition) return this.all.length;
    const index = this.#byPosition.get(position);
    if (index === undefined) throw new InvalidPositionFault(position);
    return index;
  }

  stream(name: string): readonly LogRecord[] | undefined {
    return this.#streams.get(name)?.records;
  }

  isTombstoned(name: string): boolean {
    return this.#streams.get(name)?.tombstoned === true;
  }

  lastRevision(name: string): bigint {
    const records = this.#streams.get(name)?.records;
    return records && records.length > 0 ? BigInt(records.length - 1) : -1n;
  }

  /** The raw JSON of the stream's metadata: the last event of `$$<stream>`. */
  #rawMetadata(name: string): string | undefined {
    const meta = this.#streams.get(`$$${name}`)?.records;
    const last = meta?.[meta.length - 1];
    return last ? decoder.decode(last.data) : undefined;
  }

  /** The stream's metadata, as the server reads `$$<stream>`. */
  metadataOf(name: string): StreamMetadata {
    const raw = this.#rawMetadata(name);
    if (raw === undefined) return {};
    try {
      const parsed = JSON.parse(raw) as { $maxCount?: unknown };
      // `$tb` may be long.MaxValue, beyond a double: read its digits from the text.
      const tb = /"\$tb"\s*:\s*"?(\d+)/.exec(raw)?.[1];
      return {
        ...(typeof parsed.$maxCount === 'number' ? { maxCount: parsed.$maxCount } : {}),
        ...(tb !== undefined ? { truncateBefore: BigInt(tb) } : {}),
      };
    } catch {
      return {};
    }
  }

  /** KurrentDB `IndexWriter.IsSoftDeleted`: the metadata's `$tb` is `EventNumber.DeletedStream`. */
  isSoftDeleted(name: string): boolean {
    return this.metadataOf(name).truncateBefore === DELETED_STREAM;
  }

  /**
   * The first revision a read may return: `$tb` and `$maxCount` hide older events from stream
   * reads (they stay in `$all` until a scavenge, as on the real server).
   */
  firstVisibleRevision(name: string): bigint {
    const { maxCount, truncateBefore } = this.metadataOf(name);
    let first = 0n;
    if (truncateBefore !== undefined && truncateBefore > first) first = truncateBefore;
    if (maxCount !== undefined) {
      const byCount = this.lastRevision(name) - BigInt(maxCount) + 1n;
      if (byCount > first) first = byCount;
    }
    return first;
  }

  /**
   * KurrentDB `IndexWriter.CheckCommit`, for one stream. `any`/`stream_exists`: the first id
   * not yet in the stream makes the batch new; ids all found make it a repeat (answered with
   * the last one's revision and position, `StorageWriterService` → `AlreadyCommitted`); some
   * found then one not is `CorruptedIdempotency`, answered as a wrong expected version. A fixed
   * revision behind the stream is a repeat when the next ids are the batch's, in order.
   * `no_stream` on a soft-deleted stream writes; `stream_exists` on one fails.
   */
  #check(name: string, events: readonly ProposedEvent[], expected: Expected): AppendOutcome | 'write' {
    const state = this.#streams.get(name);
    const current = this.lastRevision(name);
    const wrong: AppendOutcome = { kind: 'wrong_expected_version', currentRevision: current };
    const repeat = (last: bigint): AppendOutcome => ({
      kind: 'success',
      currentRevision: last,
      position: this.repeatWithoutPosition ? undefined : state!.records[Number(last)]!.position,
    });
    const softDeleted = this.isSoftDeleted(name);
    if (expected.kind === 'stream_exists') {
      if (softDeleted) return wrong;
      if (current < 0n && this.#rawMetadata(name) === undefined) return wrong;
    }
    if (expected.kind === 'any' || expected.kind === 'stream_exists') {
      let last: bigint | undefined;
      for (const event of events) {
        const found = state?.byEventId.get(event.eventId);
        if (found === undefined) return last === undefined ? 'write' : wrong;
        last = found;
      }
      return last === undefined ? 'write' : repeat(last);
    }
    const revision = expected.kind === 'no_stream' ? -1n : expected.revision;
    if (revision > current) return wrong;
    if (revision === current) return 'write';
    for (let i = 0; i < events.length; i++) {
      if (state?.byEventId.get(events[i]!.eventId) === revision + 1n + BigInt(i)) continue;
      return i === 0 && expected.kind === 'no_stream' && softDeleted ? 'write' : wrong;
    }
    if (events.length === 0) return expected.kind === 'no_stream' && softDeleted ? 'write' : wrong;
    return repeat(revision + BigInt(events.length));
  }

  append(name: string, events: readonly ProposedEvent[], expected: Expected): AppendOutcome {
    if (this.#streams.get(name)?.tombstoned) throw new StreamDeletedFault(name);
    const decision = this.#check(name, events, expected);
    if (decision !== 'write') return decision;
    const current = this.lastRevision(name);
    const wasSoftDeleted = this.isSoftDeleted(name);
    const metastreamOf = name.startsWith('$$') ? name.slice(2) : undefined;
    const metaOfSoftDeleted = metastreamOf !== undefined && this.isSoftDeleted(metastreamOf);
    let last: LogRecord | undefined;
    for (const event of events) last = this.#record(name, event);
    if (!name.startsWith('$')) for (const event of events) this.#linkToCategory(name, event.eventId);
    // `StorageWriterService.SoftUndeleteStream`: a write to a soft-deleted stream (or to its
    // metadata stream) brings it back from the next revision, by setting `$tb` on the metadata.
    // An empty write undeletes too ("for backwards compatibility").
    if (wasSoftDeleted) this.#setTruncateBefore(name, current + 1n);
    if (metaOfSoftDeleted) this.#setTruncateBefore(metastreamOf, this.lastRevision(metastreamOf) + 1n);
    if (!last) return { kind: 'success', currentRevision: current, position: undefined };
    return { kind: 'success', currentRevision: last.revision, position: last.position };
  }

  /** The `$by_category` system projection, synchronously: a `$>` link in `$ce-<category>`. */
  #linkToCategory(name: string, eventId: string): void {
    const dash = name.indexOf('-');
    if (dash <= 0) return;
    const revision = this.#streams.get(name)!.byEventId.get(eventId)!;
    this.#record(`$ce-${name.slice(0, dash)}`, {
      eventId: crypto.randomUUID(),
      type: '$>',
      contentType: 'application/octet-stream',
      data: encoder.encode(`${revision.toString()}@${name}`),
      metadata: encoder.encode(JSON.stringify({ $o: name, $causedBy: eventId })),
    });
  }

  #record(name: string, event: ProposedEvent, revisionOverride?: bigint): LogRecord {
    let state = this.#streams.get(name);
    if (!state) {
      state = { records: [], byEventId: new Map(), tombstoned: false };
      this.#streams.set(name, state);
    }
    const record: LogRecord = {
      streamName: name,
      revision: revisionOverride ?? BigInt(state.records.length),
      eventId: event.eventId,
      type: event.type,
      contentType: event.contentType,
      data: event.data,
      metadata: event.metadata,
      created: BigInt(this.#now()) * TICKS_PER_MS,
      position: this.#nextPosition,
    };
    if (revisionOverride === undefined) {
      state.records.push(record);
      if (!state.byEventId.has(event.eventId)) state.byEventId.set(event.eventId, record.revision);
    }
    this.#byPosition.set(record.position, this.all.length);
    this.all.push(record);
    this.#nextPosition +=
      RECORD_HEADER_BYTES +
      BigInt(name.length + event.type.length + event.data.length + event.metadata.length);
    for (const listener of [...this.#listeners]) listener(record);
    return record;
  }

  #writeMetadata(name: string, json: string): LogRecord {
    return this.#record(`$$${name}`, {
      eventId: crypto.randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: encoder.encode(json),
      metadata: new Uint8Array(),
    });
  }

  /** `StorageWriterService.ModifyMetadata`: the current metadata with `$tb` replaced. */
  #setTruncateBefore(name: string, revision: bigint): void {
    const raw = this.#rawMetadata(name) ?? '{}';
    const { $tb: _old, ...rest } = JSON.parse(raw.replace(/("\$tb"\s*:\s*)(\d+)/, '$1"$2"')) as Record<
      string,
      unknown
    >;
    this.#writeMetadata(name, JSON.stringify({ ...rest, $tb: Number(revision) }));
  }

  /** A delete checks its expectation as `CheckCommit` does for an empty write, never idempotent. */
  #checkDeleteExpected(name: string, expected: Expected): void {
    const decision = this.#check(name, [], expected);
    if (decision !== 'write' && decision.kind === 'wrong_expected_version') {
      throw new WrongExpectedVersionFault(name, expected, decision.currentRevision);
    }
  }

  /**
   * Soft delete (`StorageWriterService`, SOFT DELETE): a stream that never existed (no events,
   * no metadata) fails the consistency check; otherwise the metadata is replaced by
   * `{"$tb": long.MaxValue}`, so other metadata (`$maxCount`) is gone too.
   */
  softDelete(name: string, expected: Expected): bigint {
    if (this.isTombstoned(name)) throw new StreamDeletedFault(name);
    this.#checkDeleteExpected(name, expected);
    if (this.lastRevision(name) < 0n && this.#rawMetadata(name) === undefined) {
      throw new WrongExpectedVersionFault(name, expected, -1n);
    }
    return this.#writeMetadata(name, `{"$tb":${DELETED_STREAM.toString()}}`).position;
  }

  /** Hard delete: a `$streamDeleted` record; the name can never be written again. */
  tombstone(name: string, expected: Expected): bigint {
    if (this.isTombstoned(name)) throw new StreamDeletedFault(name);
    this.#checkDeleteExpected(name, expected);
    const record = this.#record(
      name,
      {
        eventId: crypto.randomUUID(),
        type: '$streamDeleted',
        contentType: 'application/octet-stream',
        data: new Uint8Array(),
        metadata: new Uint8Array(),
      },
      DELETED_STREAM,
    );
    this.#streams.get(name)!.tombstoned = true;
    return record.position;
  }

  /** The event a `$>` link points to, when it still exists and is visible. */
  resolveLink(link: LogRecord): LogRecord | undefined {
    if (link.type !== '$>') return undefined;
    const text = decoder.decode(link.data);
    const at = text.indexOf('@');
    if (at <= 0) return undefined;
    const revision = BigInt(text.slice(0, at));
    const name = text.slice(at + 1);
    if (this.isTombstoned(name) || revision < this.firstVisibleRevision(name)) return undefined;
    if (this.metadataOf(name).truncateBefore === DELETED_STREAM) return undefined;
    return this.#streams.get(name)?.records[Number(revision)];
  }
}
