/** Where an integration message came from: the recorded domain event it was mapped from. */
export interface MessageSource {
  readonly eventId: string;
  readonly eventType: string;
  readonly streamId: string;
  readonly position: bigint;
}

/**
 * What leaves the service. `id` is stable: the same source event and index always give the
 * same id, so a redelivery after a crash carries the id of the first delivery.
 */
export interface IntegrationMessage<T extends string = string, D = unknown> {
  readonly id: string;
  readonly type: T;
  /** Broker subject (NATS), e.g. `loyalty.points.earned.acme`. */
  readonly subject: string;
  readonly data: D;
  /** What receivers deduplicate on; the message id unless the mapping chose a business key. */
  readonly idempotencyKey: string;
  /** Ordering key: messages with the same key are delivered in order where a transport is asked to. */
  readonly key: string;
  readonly tenantId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  /** The source event's recording time, as ISO-8601. */
  readonly occurredAt: string;
  /** Transport headers: tracing (`traceparent`, `tracestate`) and anything the mapping adds. */
  readonly headers: Readonly<Record<string, string>>;
  readonly source: MessageSource;
}

/** The JSON form of a message on the wire (positions as strings). */
export interface IntegrationMessageJson {
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly data: unknown;
  readonly idempotencyKey: string;
  readonly key: string;
  readonly tenantId?: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly occurredAt: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly source: Omit<MessageSource, 'position'> & { readonly position: string };
}

export function messageToJson(message: IntegrationMessage): IntegrationMessageJson {
  return { ...message, source: { ...message.source, position: message.source.position.toString() } };
}

export function messageFromJson(json: IntegrationMessageJson): IntegrationMessage {
  return { ...json, source: { ...json.source, position: BigInt(json.source.position) } };
}
