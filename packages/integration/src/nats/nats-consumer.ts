import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { describeError } from '../bus/dead-letter.js';
import { IntegrationOptionError } from '../errors/integration-errors.js';
import {
  messageFromJson,
  type IntegrationMessage,
  type IntegrationMessageJson,
} from '../message/integration-message.js';
import { withTimeout } from '../retry/with-timeout.js';
import { Telemetry } from '../telemetry/telemetry.js';
import { natsHealth, type NatsHealth } from './nats-health.js';

export interface NatsConsumerOptions {
  readonly connection: NatsConnection;
  readonly stream: string;
  /** The durable consumer's name: it keeps its place across restarts. */
  readonly durable: string;
  /** Only these subjects (default: the whole stream). */
  readonly filterSubject?: string;
  readonly handler: (message: IntegrationMessage) => Promise<void> | void;
  /** Only this tenant's messages reach the handler; the others are acknowledged and skipped. */
  readonly tenantId?: string;
  /** Deliveries before the message goes to the dead-letter subject. Default 5. */
  readonly maxDeliver?: number;
  /** Delay before redelivery n (1-based), the last one repeated. Default 1 s, 5 s, 30 s. */
  readonly backoffMs?: readonly number[];
  /** A handler running longer fails this delivery (then backoff, as for a throw). Default: `ackWaitMs`. */
  readonly timeoutMs?: number;
  /** Un-acked messages are redelivered after this. Default 30 s. */
  readonly ackWaitMs?: number;
  /** Where a message that failed `maxDeliver` times is published (a stream must capture it). */
  readonly deadLetterSubject: string;
  readonly batch?: number;
  readonly telemetry?: Telemetry;
  /** Told about errors of the consuming loop itself (not handler failures, which are retried). */
  readonly onError?: (error: unknown) => void;
}

/**
 * A durable pull consumer with explicit acks: a message is acked after the handler finished,
 * redelivered with backoff when it threw, and after `maxDeliver` deliveries published to the
 * dead-letter subject (with the error in headers) and terminated.
 */
export class NatsConsumer {
  readonly #options: NatsConsumerOptions;
  readonly #js: JetStreamClient;
  readonly #telemetry: Telemetry;
  readonly #maxDeliver: number;
  readonly #backoffMs: readonly number[];
  readonly #timeoutMs: number;
  #messages: ConsumerMessages | undefined;
  #loop: Promise<void> | undefined;

  constructor(options: NatsConsumerOptions) {
    this.#maxDeliver = options.maxDeliver ?? 5;
    if (!Number.isInteger(this.#maxDeliver) || this.#maxDeliver < 1)
      throw new IntegrationOptionError('maxDeliver', 'must be an integer >= 1');
    this.#backoffMs = options.backoffMs ?? [1000, 5000, 30_000];
    if (this.#backoffMs.length === 0)
      throw new IntegrationOptionError('backoffMs', 'give at least one delay');
    this.#timeoutMs = options.timeoutMs ?? options.ackWaitMs ?? 30_000;
    if (!(this.#timeoutMs > 0)) throw new IntegrationOptionError('timeoutMs', 'must be > 0');
    this.#options = options;
    this.#js = jetstream(options.connection);
    this.#telemetry = options.telemetry ?? new Telemetry();
  }

  /** Creates or updates the durable consumer. */
  async ensure(): Promise<void> {
    const jsm = await jetstreamManager(this.#options.connection);
    const config = {
      durable_name: this.#options.durable,
      ack_policy: AckPolicy.Explicit,
      // One more than ours, so the server never drops a message before we dead-letter it.
      max_deliver: this.#maxDeliver + 1,
      ack_wait: (this.#options.ackWaitMs ?? 30_000) * 1_000_000,
      ...(this.#options.filterSubject !== undefined ? { filter_subject: this.#options.filterSubject } : {}),
    };
    try {
      await jsm.consumers.info(this.#options.stream, this.#options.durable);
      await jsm.consumers.update(this.#options.stream, this.#options.durable, config);
    } catch {
      await jsm.consumers.add(this.#options.stream, config);
    }
  }

  /** Starts consuming until `stop()`; the client re-issues pulls across reconnects. */
  async start(): Promise<void> {
    if (this.#loop)
      throw new IntegrationOptionError('start', `consumer '${this.#options.durable}' is already started`);
    await this.ensure();
    const consumer = await this.#js.consumers.get(this.#options.stream, this.#options.durable);
    const messages = await consumer.consume({ max_messages: this.#options.batch ?? 10 });
    this.#messages = messages;
    this.#loop = (async () => {
      for await (const msg of messages) {
        try {
          await this.#handle(msg);
        } catch (error) {
          // Could not even settle the message: it is redelivered after ack_wait.
          this.#options.onError?.(error);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    await this.#messages?.close();
    await this.#loop;
    this.#loop = undefined;
    this.#messages = undefined;
  }

  health(): Promise<NatsHealth> {
    return natsHealth(this.#options.connection, this.#options.stream);
  }

  async #handle(msg: JsMsg): Promise<void> {
    const message = messageFromJson(msg.json<IntegrationMessageJson>());
    const tenant = this.#options.tenantId;
    if (tenant !== undefined && message.tenantId !== tenant) {
      await msg.ackAck();
      return;
    }
    const metric = { component: 'nats' as const, target: this.#options.durable, messageType: message.type };
    const headers: Record<string, string> = {};
    for (const key of ['traceparent', 'tracestate', 'baggage']) {
      const value = msg.headers?.get(key);
      if (value) headers[key] = value;
    }
    try {
      await this.#telemetry.span(
        `${msg.subject} process`,
        'consumer',
        headers,
        {
          'messaging.system': 'nats',
          'messaging.message.id': message.id,
          'strata.delivery': msg.info.deliveryCount,
        },
        () =>
          withTimeout(`consumer '${this.#options.durable}'`, this.#timeoutMs, async () => {
            await this.#options.handler(message);
          }),
      );
    } catch (error) {
      const delivery = msg.info.deliveryCount;
      if (delivery >= this.#maxDeliver) {
        await this.#deadLetter(msg, error);
        return;
      }
      this.#telemetry.record({ ...metric, kind: 'retried' });
      msg.nak(this.#backoffMs[Math.min(delivery, this.#backoffMs.length) - 1]);
      return;
    }
    await msg.ackAck();
    this.#telemetry.record({ ...metric, kind: 'delivered' });
  }

  async #deadLetter(msg: JsMsg, error: unknown): Promise<void> {
    const described = describeError(error);
    const h = natsHeaders();
    if (msg.headers)
      for (const [key, values] of msg.headers) for (const value of values) h.append(key, value);
    h.set('Strata-Dead-Letter-Reason', `${described.name}: ${described.message}`.slice(0, 1000));
    h.set('Strata-Original-Subject', msg.subject);
    h.set('Strata-Deliveries', String(msg.info.deliveryCount));
    // Published before the original is terminated: a crash in between gives a duplicate, not a loss.
    await this.#js.publish(this.#options.deadLetterSubject, msg.data, { headers: h });
    // No reason text: servers before 2.10 ignore a `+TERM` that carries one.
    msg.term();
    // term has no acknowledgement of its own: a flush makes sure the server has it.
    await this.#options.connection.flush();
    const message = messageFromJson(msg.json<IntegrationMessageJson>());
    this.#telemetry.record({
      kind: 'dead_lettered',
      component: 'nats',
      target: this.#options.durable,
      messageType: message.type,
    });
  }
}
