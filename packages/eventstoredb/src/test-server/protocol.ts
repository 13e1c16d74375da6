import { createRequire } from 'node:module';
import type * as streamsPbModule from '@eventstore/db-client/generated/streams_pb.js';
import type * as streamsGrpcModule from '@eventstore/db-client/generated/streams_grpc_pb.js';
import type * as sharedPbModule from '@eventstore/db-client/generated/shared_pb.js';
import type * as statusPbModule from '@eventstore/db-client/generated/status_pb.js';
import type * as featuresPbModule from '@eventstore/db-client/generated/serverfeatures_pb.js';
import type * as featuresGrpcModule from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import type * as gossipPbModule from '@eventstore/db-client/generated/gossip_pb.js';
import type * as gossipGrpcModule from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import type * as anyModule from 'google-protobuf/google/protobuf/any_pb.js';
import type * as emptyModule from 'google-protobuf/google/protobuf/empty_pb.js';

/**
 * The client's own generated gRPC code: the test server speaks exactly the messages the client
 * was built against. Loaded with `require` because the generated modules are CommonJS whose
 * exports Node's ESM interop cannot see.
 */
const require = createRequire(import.meta.url);
const clientRequire = createRequire(require.resolve('@eventstore/db-client'));

export const streamsPb = require('@eventstore/db-client/generated/streams_pb.js') as typeof streamsPbModule;
export const streamsGrpc =
  require('@eventstore/db-client/generated/streams_grpc_pb.js') as typeof streamsGrpcModule;
export const sharedPb = require('@eventstore/db-client/generated/shared_pb.js') as typeof sharedPbModule;
export const statusPb = require('@eventstore/db-client/generated/status_pb.js') as typeof statusPbModule;
export const featuresPb =
  require('@eventstore/db-client/generated/serverfeatures_pb.js') as typeof featuresPbModule;
export const featuresGrpc =
  require('@eventstore/db-client/generated/serverfeatures_grpc_pb.js') as typeof featuresGrpcModule;
export const gossipPb = require('@eventstore/db-client/generated/gossip_pb.js') as typeof gossipPbModule;
export const gossipGrpc =
  require('@eventstore/db-client/generated/gossip_grpc_pb.js') as typeof gossipGrpcModule;
/** The `google.protobuf.Any` class of the same google-protobuf copy the client's messages use. */
export const anyPb = clientRequire('google-protobuf/google/protobuf/any_pb.js') as typeof anyModule;
export const emptyPb = clientRequire('google-protobuf/google/protobuf/empty_pb.js') as typeof emptyModule;
