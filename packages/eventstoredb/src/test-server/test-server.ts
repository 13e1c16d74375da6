import * as grpc from '@grpc/grpc-js';
import { randomUUID } from 'node:crypto';
import { TestLog } from './log.js';
import type { SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type { ClusterInfo } from '@eventstore/db-client/generated/gossip_pb.js';
import { featuresGrpc, featuresPb, gossipGrpc, gossipPb, streamsGrpc } from './protocol.js';
import { handleRead } from './read-handler.js';
import { serverError, toUuid } from './wire.js';
import { handleAppend, handleBatchAppend, handleDelete, handleTombstone } from './write-handlers.js';

/** A failure the next call of a method answers with, as the real server would send it. */
export type InjectedFault = 'access-denied' | 'unavailable' | 'deadline-exceeded' | 'not-found';
export type StreamsMethod = 'read' | 'append' | 'batchAppend' | 'delete' | 'tombstone';

export interface TestServerOptions {
  /** Advertise `BatchAppend` in ServerFeatures (the real server does since 21.10). Default true. */
  readonly batchAppend?: boolean;
  readonly now?: () => number;
  /**
   * Answer an idempotent re-append without a position. KurrentDB answers with the repeated
   * event's position (`StorageWriterService` → `AlreadyCommitted`); the adapter copes either way.
   */
  readonly repeatWithoutPosition?: boolean;
  /** The most bytes one append may carry (KurrentDB `MaxAppendSize`). Default 256 MiB. */
  readonly maxAppendSize?: number;
}

const SERVER_VERSION = '24.10.0';

function faultError(fault: InjectedFault): grpc.ServiceError {
  switch (fault) {
    // As KurrentDB RpcExceptions.AccessDenied and ServerNotReady send them.
    case 'access-denied':
      return serverError(grpc.status.PERMISSION_DENIED, 'Access Denied', { exception: 'access-denied' });
    case 'unavailable':
      return serverError(grpc.status.UNAVAILABLE, 'Server Is Not Ready');
    case 'deadline-exceeded':
      return serverError(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded');
    case 'not-found':
      return serverError(grpc.status.NOT_FOUND, 'Not found');
  }
}

/**
 * The test server: an in-process gRPC server that speaks EventStoreDB's client protocol over
 * insecure localhost, with an in-memory log. The log outlives `stop()`, so a test can drop
 * every connection and `start()` again on the same port.
 */
export class TestServer {
  readonly log: TestLog;
  readonly #batchAppend: boolean;
  readonly #faults = new Map<StreamsMethod, InjectedFault[]>();
  /** How many calls of each Streams method the test server has received. */
  readonly calls: Record<StreamsMethod, number> = {
    read: 0,
    append: 0,
    batchAppend: 0,
    delete: 0,
    tombstone: 0,
  };
  #server: grpc.Server | undefined;
  #port = 0;

  constructor(options: TestServerOptions = {}) {
    this.log = new TestLog(options.now);
    this.log.repeatWithoutPosition = options.repeatWithoutPosition ?? false;
    if (options.maxAppendSize !== undefined) this.log.maxAppendSize = options.maxAppendSize;
    this.#batchAppend = options.batchAppend ?? true;
  }

  get port(): number {
    return this.#port;
  }

  /** The connection string for the client: `esdb://127.0.0.1:<port>?tls=false`. */
  get url(): string {
    return `esdb://127.0.0.1:${this.#port}?tls=false`;
  }

  /** Makes the next call of `method` fail with `fault`. */
  failNext(method: StreamsMethod, fault: InjectedFault): void {
    const queue = this.#faults.get(method) ?? [];
    queue.push(fault);
    this.#faults.set(method, queue);
  }

  #takeFault(method: StreamsMethod): grpc.ServiceError | undefined {
    this.calls[method]++;
    const fault = this.#faults.get(method)?.shift();
    return fault && faultError(fault);
  }

  async start(port = this.#port): Promise<void> {
    const server = new grpc.Server();
    const log = this.log;
    server.addService(streamsGrpc.StreamsService, {
      read: (call: Parameters<typeof handleRead>[1]) => {
        const fault = this.#takeFault('read');
        if (fault) call.emit('error', fault);
        else handleRead(log, call);
      },
      append: (call: Parameters<typeof handleAppend>[1], callback: Parameters<typeof handleAppend>[2]) => {
        const fault = this.#takeFault('append');
        if (fault) {
          call.on('data', () => undefined);
          call.on('end', () => callback(fault));
        } else handleAppend(log, call, callback);
      },
      batchAppend: (call: Parameters<typeof handleBatchAppend>[1]) => {
        const fault = this.#takeFault('batchAppend');
        if (fault) call.emit('error', fault);
        else handleBatchAppend(log, call);
      },
      delete: (call: Parameters<typeof handleDelete>[1], callback: Parameters<typeof handleDelete>[2]) => {
        const fault = this.#takeFault('delete');
        if (fault) callback(fault);
        else handleDelete(log, call, callback);
      },
      tombstone: (
        call: Parameters<typeof handleTombstone>[1],
        callback: Parameters<typeof handleTombstone>[2],
      ) => {
        const fault = this.#takeFault('tombstone');
        if (fault) callback(fault);
        else handleTombstone(log, call, callback);
      },
    });
    server.addService(featuresGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) =>
        callback(null, this.#supportedMethods()),
    });
    server.addService(gossipGrpc.GossipService, {
      read: (_call: unknown, callback: grpc.sendUnaryData<ClusterInfo>) =>
        callback(null, this.#clusterInfo()),
    });
    this.#port = await new Promise<number>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
        error ? reject(error) : resolve(bound),
      ),
    );
    this.#server = server;
  }

  /** Drops every connection and call at once, like a server process that dies. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    if (!server) return;
    server.forceShutdown();
    await Promise.resolve();
  }

  /**
   * The methods the client asks about (`ServerFeatures.GetSupportedMethods`); the client
   * uses `BatchAppend` for `appendToStream` only when it is listed.
   */
  #supportedMethods(): SupportedMethods {
    const methods = new featuresPb.SupportedMethods();
    methods.setEventStoreServerVersion(SERVER_VERSION);
    const streams = ['read', 'append', 'delete', 'tombstone', ...(this.#batchAppend ? ['batchappend'] : [])];
    for (const name of streams) {
      const method = new featuresPb.SupportedMethod();
      method.setServiceName('event_store.client.streams.streams');
      method.setMethodName(name);
      methods.addMethods(method);
    }
    return methods;
  }

  /** One live leader: what `esdb+discover://` needs to pick this node. */
  #clusterInfo(): ClusterInfo {
    const member = new gossipPb.MemberInfo();
    member.setInstanceId(toUuid(randomUUID()));
    member.setTimeStamp(Date.now().toString());
    member.setState(gossipPb.MemberInfo.VNodeState.LEADER);
    member.setIsAlive(true);
    const endpoint = new gossipPb.EndPoint();
    endpoint.setAddress('127.0.0.1');
    endpoint.setPort(this.#port);
    member.setHttpEndPoint(endpoint);
    const info = new gossipPb.ClusterInfo();
    info.addMembers(member);
    return info;
  }
}
