import * as grpc from '@grpc/grpc-js';
import type {
  AppendReq,
  AppendResp,
  BatchAppendReq,
  BatchAppendResp,
  DeleteReq,
  DeleteResp,
  TombstoneReq,
  TombstoneResp,
} from '@eventstore/db-client/generated/streams_pb.js';
import {
  appendSize,
  StreamDeletedFault,
  WrongExpectedVersionFault,
  type AppendOutcome,
  type Expected,
  type ProposedEvent,
  type TestLog,
} from './log.js';
import { anyPb, emptyPb, sharedPb, statusPb, streamsPb } from './protocol.js';
import { expectedOf, serverError, streamIdentifier, streamNameOf, uuidString } from './wire.js';

type Proposed = AppendReq.ProposedMessage | BatchAppendReq.ProposedMessage;

function toProposed(message: Proposed): ProposedEvent {
  const metadata = message.getMetadataMap();
  return {
    // The server parses the id as a Guid and writes it back in lowercase 'D' format.
    eventId: uuidString(message.getId()).toLowerCase(),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

function deletedError(name: string): grpc.ServiceError {
  return serverError(grpc.status.FAILED_PRECONDITION, `Event stream '${name}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': name,
  });
}

/** `Streams.Append`: a header with options, then the proposed messages, then the result. */
export function handleAppend(
  log: TestLog,
  call: grpc.ServerReadableStream<AppendReq, AppendResp>,
  callback: grpc.sendUnaryData<AppendResp>,
): void {
  let header: AppendReq.Options | undefined;
  const events: ProposedEvent[] = [];
  call.on('data', (request: AppendReq) => {
    if (request.hasOptions()) header = request.getOptions();
    else if (request.hasProposedMessage()) events.push(toProposed(request.getProposedMessage()!));
  });
  call.on('end', () => {
    if (!header) return callback(serverError(grpc.status.INVALID_ARGUMENT, 'Append without options'));
    const name = streamNameOf(header.getStreamIdentifier());
    const expected = expectedOf(header, () => header!.getRevision());
    if (appendSize(events) > log.maxAppendSize) {
      // KurrentDB RpcExceptions.MaxAppendSizeExceeded.
      return callback(
        serverError(grpc.status.INVALID_ARGUMENT, `Maximum Append Size of ${log.maxAppendSize} Exceeded.`, {
          exception: 'maximum-append-size-exceeded',
          'maximum-append-size': String(log.maxAppendSize),
        }),
      );
    }
    let outcome: AppendOutcome;
    try {
      outcome = log.append(name, events, expected);
    } catch (error) {
      if (error instanceof StreamDeletedFault) return callback(deletedError(name));
      throw error;
    }
    const response = new streamsPb.AppendResp();
    if (outcome.kind === 'success') {
      const success = new streamsPb.AppendResp.Success();
      if (outcome.currentRevision === -1n) success.setNoStream(new sharedPb.Empty());
      else success.setCurrentRevision(outcome.currentRevision.toString());
      if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
      else {
        const position = new streamsPb.AppendResp.Position();
        position.setCommitPosition(outcome.position.toString());
        position.setPreparePosition(outcome.position.toString());
        success.setPosition(position);
      }
      response.setSuccess(success);
    } else {
      const wrong = new streamsPb.AppendResp.WrongExpectedVersion();
      if (outcome.currentRevision === -1n) wrong.setCurrentNoStream(new sharedPb.Empty());
      else wrong.setCurrentRevision(outcome.currentRevision.toString());
      if (expected.kind === 'revision') wrong.setExpectedRevision(expected.revision.toString());
      else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new sharedPb.Empty());
      else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new sharedPb.Empty());
      else wrong.setExpectedAny(new sharedPb.Empty());
      response.setWrongExpectedVersion(wrong);
    }
    callback(null, response);
  });
}

interface PendingBatch {
  options: BatchAppendReq.Options | undefined;
  readonly events: ProposedEvent[];
}

/**
 * `Streams.BatchAppend`: one long-lived duplex stream; requests are chunks keyed by a
 * correlation id, and the last chunk has `is_final`. Errors travel as `google.rpc.Status`
 * with the detail packed in an `Any` (KurrentDB `Streams.BatchAppend`).
 */
export function handleBatchAppend(
  log: TestLog,
  call: grpc.ServerDuplexStream<BatchAppendReq, BatchAppendResp>,
): void {
  const pending = new Map<string, PendingBatch>();
  call.on('data', (request: BatchAppendReq) => {
    const correlation = uuidString(request.getCorrelationId());
    const batch = pending.get(correlation) ?? { options: undefined, events: [] };
    pending.set(correlation, batch);
    if (request.hasOptions()) batch.options = request.getOptions();
    for (const message of request.getProposedMessagesList()) batch.events.push(toProposed(message));
    if (!request.getIsFinal()) return;
    pending.delete(correlation);
    call.write(completeBatch(log, request, batch));
  });
  call.on('end', () => call.end());
}

function completeBatch(log: TestLog, request: BatchAppendReq, batch: PendingBatch): BatchAppendResp {
  const options = batch.options!;
  const name = streamNameOf(options.getStreamIdentifier());
  const expected = expectedOf(options, () => options.getStreamPosition());
  const response = new streamsPb.BatchAppendResp();
  response.setCorrelationId(request.getCorrelationId());
  response.setStreamIdentifier(streamIdentifier(name));
  const fail = (code: number, message: string, detail: { serializeBinary(): Uint8Array }, type: string) => {
    const status = new statusPb.Status();
    status.setCode(code);
    status.setMessage(message);
    const any = new anyPb.Any();
    any.pack(detail.serializeBinary(), `event_store.client.${type}`);
    status.setDetails(any);
    response.setError(status);
    return response;
  };
  // The statuses of KurrentDB `Google.Rpc.Status` (Status.cs): code, message and packed detail.
  if (appendSize(batch.events) > log.maxAppendSize) {
    const tooLarge = new sharedPb.MaximumAppendSizeExceeded();
    tooLarge.setMaxappendsize(log.maxAppendSize);
    return fail(
      grpc.status.INVALID_ARGUMENT,
      'MaximumAppendSizeExceeded',
      tooLarge,
      'MaximumAppendSizeExceeded',
    );
  }
  let outcome: AppendOutcome;
  try {
    outcome = log.append(name, batch.events, expected);
  } catch (error) {
    if (!(error instanceof StreamDeletedFault)) throw error;
    const deleted = new sharedPb.StreamDeleted();
    deleted.setStreamIdentifier(streamIdentifier(name));
    return fail(grpc.status.NOT_FOUND, 'StreamDeleted', deleted, 'StreamDeleted');
  }
  if (outcome.kind === 'wrong_expected_version') {
    const wrong = new sharedPb.WrongExpectedVersion();
    if (outcome.currentRevision === -1n) wrong.setCurrentNoStream(new emptyPb.Empty());
    else wrong.setCurrentStreamRevision(outcome.currentRevision.toString());
    if (expected.kind === 'revision') wrong.setExpectedStreamPosition(expected.revision.toString());
    else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new emptyPb.Empty());
    else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new emptyPb.Empty());
    else wrong.setExpectedAny(new emptyPb.Empty());
    return fail(grpc.status.ALREADY_EXISTS, 'WrongExpectedVersion', wrong, 'WrongExpectedVersion');
  }
  const success = new streamsPb.BatchAppendResp.Success();
  if (outcome.currentRevision === -1n) success.setNoStream(new emptyPb.Empty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty());
  else {
    const position = new sharedPb.AllStreamPosition();
    position.setCommitPosition(outcome.position.toString());
    position.setPreparePosition(outcome.position.toString());
    success.setPosition(position);
  }
  response.setSuccess(success);
  return response;
}

function deleteLike<Resp extends DeleteResp | TombstoneResp>(
  run: (name: string, expected: Expected) => bigint,
  options: DeleteReq.Options | TombstoneReq.Options | undefined,
  make: (position: bigint) => Resp,
  callback: grpc.sendUnaryData<Resp>,
): void {
  if (!options) return callback(serverError(grpc.status.INVALID_ARGUMENT, 'Delete without options'));
  const name = streamNameOf(options.getStreamIdentifier());
  try {
    callback(
      null,
      make(
        run(
          name,
          expectedOf(options, () => options.getRevision()),
        ),
      ),
    );
  } catch (error) {
    if (error instanceof StreamDeletedFault) return callback(deletedError(name));
    if (error instanceof WrongExpectedVersionFault) {
      // KurrentDB RpcExceptions.WrongExpectedVersion: versions as longs (ExpectedVersion.Any = -2,
      // NoStream = -1, StreamExists = -4), the actual one always present.
      const expectedVersion = { any: '-2', no_stream: '-1', stream_exists: '-4' } as const;
      const { expected, currentRevision } = error;
      return callback(
        serverError(grpc.status.FAILED_PRECONDITION, error.message, {
          exception: 'wrong-expected-version',
          'stream-name': name,
          'expected-version':
            expected.kind === 'revision' ? expected.revision.toString() : expectedVersion[expected.kind],
          'actual-version': currentRevision.toString(),
        }),
      );
    }
    throw error;
  }
}

export function handleDelete(
  log: TestLog,
  call: grpc.ServerUnaryCall<DeleteReq, DeleteResp>,
  callback: grpc.sendUnaryData<DeleteResp>,
): void {
  deleteLike(
    (name, expected) => log.softDelete(name, expected),
    call.request.getOptions(),
    (at) => {
      const response = new streamsPb.DeleteResp();
      const position = new streamsPb.DeleteResp.Position();
      position.setCommitPosition(at.toString());
      position.setPreparePosition(at.toString());
      response.setPosition(position);
      return response;
    },
    callback,
  );
}

export function handleTombstone(
  log: TestLog,
  call: grpc.ServerUnaryCall<TombstoneReq, TombstoneResp>,
  callback: grpc.sendUnaryData<TombstoneResp>,
): void {
  deleteLike(
    (name, expected) => log.tombstone(name, expected),
    call.request.getOptions(),
    (at) => {
      const response = new streamsPb.TombstoneResp();
      const position = new streamsPb.TombstoneResp.Position();
      position.setCommitPosition(at.toString());
      position.setPreparePosition(at.toString());
      response.setPosition(position);
      return response;
    },
    callback,
  );
}
