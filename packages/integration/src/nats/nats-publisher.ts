import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type PubAck,
  type StreamConfig,
} from '@nats-io/jetstream';
import {
  headers as natsHeaders,
  RequestError,
  TimeoutError,
  type NatsConnection,
} from '@nats-io/transport-node';
import { IntegrationOptionError, NatsPublishError } from '../errors/integration-errors.js';
import type { IntegrationMapping } from '../message/define-mapping.js';
import { messageToJson, type IntegrationMessage } from '../message/integration-message.js';
import type { Publisher } from '../message/publisher.js';
import { Telemetry } from '../telemetry/telemetry.js';
import { natsHealth, type NatsHealth } from './nats-health.js';

export interface NatsStreamOptions {
  /** The JetStream stream name. */
  readonly stream: string;
  /** Every message goes to `<subjectPrefix>.<message subject>`; the stream captures `<subjectPrefix>.>`. */
  readonly subjectPrefix: string;
  /** JetStream drops a second publish with the same message id within this window. Default 2 minutes. */
  readonly duplicateWindowMs?: number;
}

/** The stream configuration for a mapping's messages: one stream capturing the prefix, with a duplicate window. */
export function natsStreamConfig(
  options: NatsStreamOptions,
): Partial<StreamConfig> & { name: string; subjects: string[] } {
  if (!/^[A-Za-z0-9_-]+$/.test(options.stream))
    throw new IntegrationOptionError('stream', 'a stream name has letters, digits, - and _ only');
  return {
    name: options.stream,
    subjects: [`${options.subjectPrefix}.>`],
    duplicate_window: (options.duplicateWindowMs ?? 120_000) * 1_000_000,
  };
}

/** The subjects a mapping's declared messages are published on (for consumers' filters and docs). */
export function natsSubjectsOf(mapping: IntegrationMapping, subjectPrefix: string): string[] {
  return mapping.messageDefinitions.map((d) => `${subjectPrefix}.${d.subject}`);
}

export interface NatsPublisherOptions extends NatsStreamOptions {
  readonly connection: NatsConnection;
  /**
   * How long one `publish` may take in all. It resolves if the server acks within this time,
   * across a reconnect, else rejects with `NatsPublishError`. Default 10 s.
   */
  readonly publishTimeoutMs?: number;
  /**
   * How long one attempt waits for the ack before it is sent again with the same id (the
   * client does not resend what it wrote while disconnected). Default 1 s, capped by
   * `publishTimeoutMs`.
   */
  readonly attemptTimeoutMs?: number;
  readonly telemetry?: Telemetry;
}

/**
 * Publishes to JetStream with the message id as `Nats-Msg-Id`, so a relay redelivering after
 * a crash within the duplicate window is dropped by the server; `publish` resolves on the
 * server's ack (the message is stored).
 */
export class NatsPublisher implements Publisher {
  readonly name: string;
  readonly #options: NatsPublisherOptions;
  readonly #js: JetStreamClient;
  readonly #telemetry: Telemetry;
  readonly #timeoutMs: number;
  readonly #attemptMs: number;

  constructor(options: NatsPublisherOptions) {
    natsStreamConfig(options);
    this.#timeoutMs = options.publishTimeoutMs ?? 10_000;
    if (!(this.#timeoutMs > 0)) throw new IntegrationOptionError('publishTimeoutMs', 'must be > 0');
    this.#attemptMs = Math.min(options.attemptTimeoutMs ?? 1_000, this.#timeoutMs);
    if (!(this.#attemptMs > 0)) throw new IntegrationOptionError('attemptTimeoutMs', 'must be > 0');
    this.name = `nats:${options.stream}`;
    this.#options = options;
    this.#js = jetstream(options.connection);
    this.#telemetry = options.telemetry ?? new Telemetry();
  }

  /** Creates the stream, or updates its subjects and duplicate window when it exists. */
  async ensureStream(): Promise<void> {
    const jsm = await jetstreamManager(this.#options.connection);
    const config = natsStreamConfig(this.#options);
    try {
      await jsm.streams.info(config.name);
      await jsm.streams.update(config.name, config);
    } catch {
      await jsm.streams.add(config);
    }
  }

  subjectOf(message: IntegrationMessage): string {
    return `${this.#options.subjectPrefix}.${message.subject}`;
  }

  /**
   * Resolves `duplicate: true` when JetStream had the id already (nothing new stored). Rejects
   * with `NatsPublishError` when no ack came (see `publishTimeoutMs`); the relay then keeps its
   * checkpoint and sends the message again, with the same id.
   */
  async send(
    message: IntegrationMessage,
  ): Promise<{ readonly sequence: number; readonly duplicate: boolean }> {
    const subject = this.subjectOf(message);
    return this.#telemetry.span(
      `${subject} publish`,
      'producer',
      message.headers,
      {
        'messaging.system': 'nats',
        'messaging.destination.name': subject,
        'messaging.message.id': message.id,
      },
      async (outgoing) => {
        const h = natsHeaders();
        for (const [key, value] of Object.entries(outgoing)) h.set(key, value);
        h.set('Strata-Message-Type', message.type);
        if (message.tenantId !== undefined) h.set('Strata-Tenant-Id', message.tenantId);
        const body = JSON.stringify(messageToJson({ ...message, headers: outgoing }));
        const ack = await this.#publishWithin(subject, body, message.id, h).catch((cause: unknown) => {
          this.#telemetry.record({
            kind: 'failed',
            component: 'nats',
            target: this.name,
            messageType: message.type,
          });
          throw new NatsPublishError(subject, message.id, this.#timeoutMs, cause);
        });
        this.#telemetry.record({
          kind: 'published',
          component: 'nats',
          target: this.name,
          messageType: message.type,
        });
        return { sequence: ack.seq, duplicate: ack.duplicate };
      },
    );
  }

  /**
   * Attempts until an ack or the deadline. Only "no answer" is retried: a timeout (the server is
   * down, or our write was lost in a disconnect) and no responders (JetStream still starting
   * after a restart). The same `Nats-Msg-Id` each time, so the server stores the message once.
   */
  async #publishWithin(
    subject: string,
    body: string,
    msgID: string,
    headers: ReturnType<typeof natsHeaders>,
  ): Promise<PubAck> {
    const deadline = Date.now() + this.#timeoutMs;
    for (;;) {
      const timeout = Math.min(this.#attemptMs, deadline - Date.now());
      try {
        return await this.#js.publish(subject, body, { msgID, headers, timeout });
      } catch (error) {
        const noAnswer =
          error instanceof TimeoutError || (error instanceof Error && error.cause instanceof RequestError);
        if (!noAnswer || deadline - Date.now() < 50) throw error;
        // A short pause: a server refusing at once (no responders) is not hammered.
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }

  async publish(message: IntegrationMessage): Promise<void> {
    await this.send(message);
  }

  health(): Promise<NatsHealth> {
    return natsHealth(this.#options.connection, this.#options.stream);
  }
}
