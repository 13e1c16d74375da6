export {
  MessageValidationError,
  DeliveryTimeoutError,
  IntegrationOptionError,
  RelayDeliveryError,
  LeaseLostError,
  WebhookDeliveryError,
  CircuitOpenError,
  WebhookSignatureError,
  IdempotencyKeyBusyError,
  NatsPublishError,
} from './errors/integration-errors.js';
export {
  messageToJson,
  messageFromJson,
  type IntegrationMessage,
  type IntegrationMessageJson,
  type MessageSource,
} from './message/integration-message.js';
export { defineMessage, type MessageDefinition, type MessageOf } from './message/define-message.js';
export {
  defineMapping,
  emit,
  IntegrationMapping,
  type Emit,
  type EmitOptions,
} from './message/define-mapping.js';
export { messageIdOf } from './message/message-id.js';
export type { Publisher } from './message/publisher.js';
export { backoffDelay, defaultRetry, realSleep, type RetryPolicy, type Sleep } from './retry/backoff.js';
export type { DeadLetter } from './bus/dead-letter.js';
export { compilePattern } from './bus/pattern.js';
export {
  InProcessBus,
  type InProcessBusOptions,
  type Handler,
  type Middleware,
  type DeliveryContext,
  type SubscribeOptions as BusSubscribeOptions,
} from './bus/in-process-bus.js';
// The Lease port and MemoryLease are core's (PostgresLease is in @strata/postgres); re-exported for existing imports.
export { MemoryLease, type Lease } from '@strata/core';
export type { SqlClient } from './sql/sql-client.js';
export {
  OutboxRelay,
  type OutboxRelayOptions,
  type RelayState,
  type RelayStatus,
} from './relay/outbox-relay.js';
export { Telemetry, type TelemetryOptions } from './telemetry/telemetry.js';
export type { TelemetrySource } from './telemetry/telemetry-source.js';
export { projectionTelemetry } from './telemetry/projection-telemetry.js';
export { sagaTelemetry } from './telemetry/saga-telemetry.js';
export type { MetricEvent, MetricKind, MetricsHooks } from './telemetry/metrics-hooks.js';
export type { ClaimResult, IdempotencyStore } from './idempotency/idempotency-store.js';
export { MemoryIdempotencyStore } from './idempotency/memory-idempotency-store.js';
export { PostgresIdempotencyStore } from './idempotency/postgres-idempotency-store.js';
export { idempotent, type IdempotentOptions } from './idempotency/idempotent.js';
export {
  signWebhook,
  verifyWebhookSignature,
  SIGNATURE_HEADER,
  EVENT_ID_HEADER,
  type HeadersLike,
  type VerifyOptions,
  type VerifiedWebhook,
} from './webhooks/signature.js';
export { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './webhooks/circuit-breaker.js';
export type { WebhookStore, WebhookSubscription, WebhookDeadLetter } from './webhooks/webhook-store.js';
export { MemoryWebhookStore } from './webhooks/memory-webhook-store.js';
export { PostgresWebhookStore } from './webhooks/postgres-webhook-store.js';
export { WebhookPublisher, type WebhookPublisherOptions } from './webhooks/webhook-publisher.js';
export {
  NatsPublisher,
  natsStreamConfig,
  natsSubjectsOf,
  type NatsPublisherOptions,
  type NatsStreamOptions,
} from './nats/nats-publisher.js';
export { NatsConsumer, type NatsConsumerOptions } from './nats/nats-consumer.js';
export { natsHealth, type NatsHealth } from './nats/nats-health.js';
