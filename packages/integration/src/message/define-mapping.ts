import type { EventDefinition, Parsed, RecordedEvent } from '@strata/core';
import type { z } from 'zod';
import { IntegrationOptionError, MessageValidationError } from '../errors/integration-errors.js';
import type { MessageDefinition } from './define-message.js';
import type { IntegrationMessage } from './integration-message.js';
import { messageIdOf } from './message-id.js';

/** One message a mapping handler asks for; build it with `emit` so `data` is type-checked. */
export interface Emit {
  readonly definition: MessageDefinition;
  readonly data: unknown;
  readonly subject?: string;
  /** Ordering key (default: the source stream id, so one aggregate's messages stay in order). */
  readonly key?: string;
  /** A business idempotency key (default: the message id). */
  readonly idempotencyKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface EmitOptions {
  readonly subject?: string;
  readonly key?: string;
  readonly idempotencyKey?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** Asks the mapping for one message of `definition`, with data typed by its schema. */
export function emit<M extends MessageDefinition>(
  definition: M,
  data: z.input<M['schema']>,
  options: EmitOptions = {},
): Emit {
  return { definition, data, ...options };
}

type Handler = (event: RecordedEvent) => Emit | readonly Emit[] | undefined;

/** Metadata keys copied to message headers: W3C trace context captured when the event was written. */
const TRACE_KEYS = ['traceparent', 'tracestate', 'baggage'] as const;

/**
 * Maps chosen domain events to integration messages. Events of types with no handler map to
 * nothing; a handler may return zero, one or several messages.
 */
export class IntegrationMapping {
  readonly name: string;
  readonly #handlers: ReadonlyMap<string, Handler>;
  readonly #messages: ReadonlyMap<string, MessageDefinition>;

  constructor(
    name: string,
    handlers = new Map<string, Handler>(),
    messages = new Map<string, MessageDefinition>(),
  ) {
    if (typeof name !== 'string' || name.length === 0)
      throw new IntegrationOptionError('name', 'a mapping needs a name');
    this.name = name;
    this.#handlers = handlers;
    this.#messages = messages;
  }

  /**
   * Maps events of `event`'s type (upcast and validated by its definition first). `produces`
   * lists the messages the handler may emit, so transports can configure subjects up front.
   */
  on<T extends string, S extends z.ZodType>(
    event: EventDefinition<T, S>,
    handler: (event: Parsed<RecordedEvent, T, z.output<S>>) => Emit | readonly Emit[] | undefined,
    produces: readonly MessageDefinition[] = [],
  ): IntegrationMapping {
    if (this.#handlers.has(event.type)) {
      throw new IntegrationOptionError('on', `mapping '${this.name}' already maps '${event.type}'`);
    }
    const handlers = new Map(this.#handlers);
    handlers.set(event.type, (recorded) => handler(event.parse(recorded)));
    const messages = new Map(this.#messages);
    for (const definition of produces) messages.set(definition.type, definition);
    return new IntegrationMapping(this.name, handlers, messages);
  }

  /** The domain event types this mapping reads (the relay subscribes to these only). */
  get eventTypes(): readonly string[] {
    return [...this.#handlers.keys()];
  }

  /** The message definitions declared with `on(…, produces)`. */
  get messageDefinitions(): readonly MessageDefinition[] {
    return [...this.#messages.values()];
  }

  /** The messages for one recorded event, validated, with stable ids; `[]` for unmapped types. */
  map(event: RecordedEvent): IntegrationMessage[] {
    const handler = this.#handlers.get(event.type);
    if (!handler) return [];
    const result = handler(event);
    const emits: readonly Emit[] =
      result === undefined ? [] : Array.isArray(result) ? result : [result as Emit];
    const { tenantId, correlationId } = event.metadata;
    const traceHeaders: Record<string, string> = {};
    for (const key of TRACE_KEYS) {
      const value = event.metadata[key];
      if (typeof value === 'string') traceHeaders[key] = value;
    }
    return emits.map((item, index) => {
      const parsed = item.definition.schema.safeParse(item.data);
      if (!parsed.success) {
        throw new MessageValidationError(
          item.definition.type,
          event.eventId,
          parsed.error.issues.map((issue) => ({
            path: issue.path.map(String).join('.'),
            message: issue.message,
          })),
        );
      }
      const id = messageIdOf(event.eventId, index, item.definition.type);
      return {
        id,
        type: item.definition.type,
        subject: item.subject ?? item.definition.subject,
        data: parsed.data,
        idempotencyKey: item.idempotencyKey ?? id,
        key: item.key ?? event.streamId,
        ...(tenantId !== undefined ? { tenantId } : {}),
        ...(correlationId !== undefined ? { correlationId } : {}),
        // The message is caused by the event: receivers continue the causation chain from it.
        causationId: event.eventId,
        occurredAt: event.recordedAt.toISOString(),
        headers: { ...traceHeaders, ...item.headers },
        source: {
          eventId: event.eventId,
          eventType: event.type,
          streamId: event.streamId,
          position: event.position,
        },
      };
    });
  }
}

/** Starts a mapping; add event handlers with `.on(EventDefinition, handler, produces)`. */
export function defineMapping(name: string): IntegrationMapping {
  return new IntegrationMapping(name);
}
