import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import type { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb.js';
import { DELETED_STREAM, InvalidPositionFault, type LogRecord, type TestLog } from './log.js';
import { streamsPb } from './protocol.js';
import { compileServerFilter, eventResponse, serverError, streamIdentifier, streamNameOf } from './wire.js';

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

const BACKWARDS = streamsPb.ReadReq.Options.ReadDirection.BACKWARDS;

function deletedError(name: string): grpc.ServiceError {
  // KurrentDB RpcExceptions.StreamDeleted: FailedPrecondition with `exception: stream-deleted`.
  return serverError(grpc.status.FAILED_PRECONDITION, `Event stream '${name}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': name,
  });
}

/**
 * What one read or subscription sends for a record: with links resolved, a `$>` link carries
 * its event, or no event when that is gone (`ResolvedEvent.ForFailedResolvedLink`).
 */
function responseFor(log: TestLog, record: LogRecord, resolveLinks: boolean): ReadResp {
  if (!resolveLinks || record.type !== '$>') return eventResponse(record, undefined);
  return eventResponse(log.resolveLink(record), record);
}

/**
 * `Streams.Read`: stream and `$all` reads, forwards and backwards, and subscriptions.
 * A subscription sends a confirmation first, then the stored events, then `CaughtUp`
 * (KurrentDB 23.10+, `Enumerators.AllSubscription`/`StreamSubscription`), then live events.
 */
export function handleRead(log: TestLog, call: ReadCall): void {
  const options = call.request.getOptions();
  if (!options) {
    call.emit('error', serverError(grpc.status.INVALID_ARGUMENT, 'Read without options'));
    return;
  }
  try {
    if (options.hasSubscription()) subscribe(log, call, options);
    else if (options.hasStream()) readStream(log, call, options);
    else readAll(log, call, options);
  } catch (error) {
    if (error instanceof InvalidPositionFault) {
      // KurrentDB RpcExceptions.InvalidPositionException (PR #4128 for subscriptions).
      call.emit(
        'error',
        serverError(grpc.status.INVALID_ARGUMENT, 'Trying to read from an invalid position.'),
      );
      return;
    }
    throw error;
  }
}

function limitOf(options: ReadReq.Options): number {
  if (!options.hasCount()) return Number.MAX_SAFE_INTEGER;
  const count = BigInt(options.getCount());
  return count > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(count);
}

function readStream(log: TestLog, call: ReadCall, options: ReadReq.Options): void {
  const streamOptions = options.getStream()!;
  const name = streamNameOf(streamOptions.getStreamIdentifier());
  if (log.isTombstoned(name)) {
    call.emit('error', deletedError(name));
    return;
  }
  const records = log.stream(name);
  if (!records || records.length === 0 || log.metadataOf(name).truncateBefore === DELETED_STREAM) {
    // A missing or soft-deleted stream: a `StreamNotFound` message, not an error status
    // (KurrentDB `Streams.Read`, `ReadResponse.StreamNotFound`).
    const response = new streamsPb.ReadResp();
    const notFound = new streamsPb.ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(streamIdentifier(name));
    response.setStreamNotFound(notFound);
    call.write(response);
    call.end();
    return;
  }
  const first = Number(log.firstVisibleRevision(name));
  const last = records.length - 1;
  const limit = limitOf(options);
  const resolveLinks = options.getResolveLinks();
  let sent = 0;
  if (options.getReadDirection() === BACKWARDS) {
    const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : last;
    for (let i = Math.min(from, last); i >= first && sent < limit; i--, sent++) {
      call.write(responseFor(log, records[i]!, resolveLinks));
    }
  } else {
    const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : 0;
    for (let i = Math.max(from, first); i <= last && sent < limit; i++, sent++) {
      call.write(responseFor(log, records[i]!, resolveLinks));
    }
  }
  call.end();
}

function readAll(log: TestLog, call: ReadCall, options: ReadReq.Options): void {
  const allOptions = options.getAll()!;
  const matches = compileServerFilter(options);
  const limit = limitOf(options);
  const resolveLinks = options.getResolveLinks();
  const backwards = options.getReadDirection() === BACKWARDS;
  let index: number;
  if (allOptions.hasPosition()) index = log.indexOf(BigInt(allOptions.getPosition()!.getCommitPosition()));
  else index = allOptions.hasEnd() || backwards ? log.all.length : 0;
  let sent = 0;
  // Backwards from a position gives the records before it; forwards includes it.
  for (let i = backwards ? index - 1 : index; i >= 0 && i < log.all.length && sent < limit;) {
    const record = log.all[i]!;
    if (!matches || matches(record)) {
      call.write(responseFor(log, record, resolveLinks));
      sent++;
    }
    i += backwards ? -1 : 1;
  }
  call.end();
}

function subscribe(log: TestLog, call: ReadCall, options: ReadReq.Options): void {
  const resolveLinks = options.getResolveLinks();
  let select: (record: LogRecord) => boolean;
  let backlog: readonly LogRecord[];
  const all = !options.hasStream();
  if (all) {
    const allOptions = options.getAll()!;
    const matches = compileServerFilter(options);
    select = (record) => !matches || matches(record);
    let start = 0;
    // A subscription starts after the given position (exclusive), unlike a read.
    if (allOptions.hasEnd()) start = log.all.length;
    else if (allOptions.hasPosition()) {
      const position = BigInt(allOptions.getPosition()!.getCommitPosition());
      start = log.indexOf(position) + (position === log.endPosition ? 0 : 1);
    }
    backlog = log.all.slice(start);
  } else {
    const streamOptions = options.getStream()!;
    const name = streamNameOf(streamOptions.getStreamIdentifier());
    if (log.isTombstoned(name)) {
      call.emit('error', deletedError(name));
      return;
    }
    select = (record) => record.streamName === name && record.revision !== DELETED_STREAM;
    const records = log.stream(name) ?? [];
    const first = Number(log.firstVisibleRevision(name));
    if (streamOptions.hasEnd()) backlog = [];
    else if (streamOptions.hasRevision())
      backlog = records.slice(Math.max(first, Number(streamOptions.getRevision()) + 1));
    else backlog = records.slice(first);
  }

  const confirmation = new streamsPb.ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(randomUUID());
  const confirmed = new streamsPb.ReadResp();
  confirmed.setConfirmation(confirmation);
  call.write(confirmed);
  for (const record of backlog) if (select(record)) call.write(responseFor(log, record, resolveLinks));
  const caughtUp = new streamsPb.ReadResp();
  caughtUp.setCaughtUp(new streamsPb.ReadResp.CaughtUp());
  call.write(caughtUp);
  // The log is synchronous, so nothing can be appended between the backlog and the listener.
  const unsubscribe = log.onRecord((record) => {
    if (!all && record.streamName === streamNameOf(options.getStream()!.getStreamIdentifier())) {
      if (record.revision === DELETED_STREAM) {
        call.emit('error', deletedError(record.streamName));
        unsubscribe();
        return;
      }
    }
    if (select(record)) call.write(responseFor(log, record, resolveLinks));
  });
  call.on('cancelled', unsubscribe);
  call.on('close', unsubscribe);
  call.on('error', unsubscribe);
}
