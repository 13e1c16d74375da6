import { StrataError } from '@strata/core';

/** A mapped message's data does not match its message definition's schema. */
export class MessageValidationError extends StrataError {
  readonly messageType: string;
  readonly sourceEventId: string;
  readonly issues: readonly { readonly path: string; readonly message: string }[];

  constructor(messageType: string, sourceEventId: string, issues: MessageValidationError['issues']) {
    super(
      'MESSAGE_VALIDATION',
      `integration message '${messageType}' mapped from event ${sourceEventId} is invalid: ` +
        issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; '),
    );
    this.messageType = messageType;
    this.sourceEventId = sourceEventId;
    this.issues = issues;
  }
}

/** A handler or delivery took longer than its timeout. */
export class DeliveryTimeoutError extends StrataError {
  readonly timeoutMs: number;
  readonly target: string;

  constructor(target: string, timeoutMs: number) {
    super('DELIVERY_TIMEOUT', `${target} did not finish within ${timeoutMs} ms`);
    this.target = target;
    this.timeoutMs = timeoutMs;
  }
}

/** An option that makes no sense (a negative timeout, an empty name…). */
export class IntegrationOptionError extends StrataError {
  readonly option: string;

  constructor(option: string, reason: string) {
    super('INTEGRATION_OPTION', `option '${option}': ${reason}`);
    this.option = option;
  }
}

/** The relay gave up delivering one event's messages after its attempts; it stops and keeps its checkpoint. */
export class RelayDeliveryError extends StrataError {
  readonly relay: string;
  readonly eventId: string;
  readonly position: bigint;
  readonly attempts: number;

  constructor(relay: string, eventId: string, position: bigint, attempts: number, cause: unknown) {
    super(
      'RELAY_DELIVERY_FAILED',
      `relay '${relay}' could not deliver the messages of event ${eventId} (position ${position}) ` +
        `after ${attempts} attempts; it stopped before that position and resumes there on restart`,
      { cause },
    );
    this.relay = relay;
    this.eventId = eventId;
    this.position = position;
    this.attempts = attempts;
  }
}

/** Another instance holds the relay's lease (or this one lost it). */
export class LeaseLostError extends StrataError {
  readonly leaseName: string;
  readonly owner: string;

  constructor(leaseName: string, owner: string) {
    super('LEASE_LOST', `lease '${leaseName}' is no longer held by ${owner}`);
    this.leaseName = leaseName;
    this.owner = owner;
  }
}

/** A webhook endpoint answered with a failure (or not at all). */
export class WebhookDeliveryError extends StrataError {
  readonly url: string;
  readonly status: number | undefined;
  /** Milliseconds the endpoint asked us to wait (`Retry-After`), when it did. */
  readonly retryAfterMs: number | undefined;

  constructor(
    url: string,
    status: number | undefined,
    reason: string,
    retryAfterMs?: number,
    cause?: unknown,
  ) {
    super('WEBHOOK_DELIVERY_FAILED', `webhook ${url}: ${reason}`, { cause });
    this.url = url;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** The endpoint's circuit breaker is open: no request was made. */
export class CircuitOpenError extends StrataError {
  readonly endpoint: string;
  readonly retryAt: Date;

  constructor(endpoint: string, retryAt: Date) {
    super('CIRCUIT_OPEN', `circuit for ${endpoint} is open until ${retryAt.toISOString()}`);
    this.endpoint = endpoint;
    this.retryAt = retryAt;
  }
}

/** A webhook signature that does not verify: the reason says which check failed. */
export class WebhookSignatureError extends StrataError {
  readonly reason: 'missing' | 'malformed' | 'stale' | 'mismatch';

  constructor(reason: WebhookSignatureError['reason'], detail: string) {
    super('WEBHOOK_SIGNATURE_INVALID', `webhook signature rejected (${reason}): ${detail}`);
    this.reason = reason;
  }
}

/** Another consumer is processing the same idempotency key right now; retry later. */
export class IdempotencyKeyBusyError extends StrataError {
  readonly key: string;

  constructor(key: string) {
    super('IDEMPOTENCY_KEY_BUSY', `idempotency key '${key}' is being processed elsewhere`);
    this.key = key;
  }
}

/**
 * JetStream did not acknowledge a publish: no ack within the timeout (the server is down or
 * reconnecting), JetStream is not enabled, or the connection is closed. The message may still
 * have been stored (a publish buffered during a disconnect is sent on reconnect), so retry it
 * with the same id: the stream's duplicate window drops the second copy.
 */
export class NatsPublishError extends StrataError {
  readonly subject: string;
  readonly messageId: string;
  readonly timeoutMs: number;

  constructor(subject: string, messageId: string, timeoutMs: number, cause: unknown) {
    super(
      'NATS_PUBLISH_FAILED',
      `JetStream did not acknowledge message ${messageId} on '${subject}' within ${timeoutMs} ms ` +
        `(${cause instanceof Error ? cause.message : String(cause)}); retrying with the same id is safe`,
      { cause },
    );
    this.subject = subject;
    this.messageId = messageId;
    this.timeoutMs = timeoutMs;
  }
}
