import { mathRandom, type Random } from '@strata/core';
import type { z } from 'zod';
import { IntegrationOptionError } from '../errors/integration-errors.js';
import type { MessageDefinition } from '../message/define-message.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import type { Publisher } from '../message/publisher.js';
import { checkRetryPolicy, defaultRetry, realSleep, type RetryPolicy, type Sleep } from '../retry/backoff.js';
import { retrying } from '../retry/retry.js';
import { withTimeout } from '../retry/with-timeout.js';
import { Telemetry } from '../telemetry/telemetry.js';
import { describeError, type DeadLetter } from './dead-letter.js';
import { compilePattern } from './pattern.js';

export type Handler<M extends IntegrationMessage = IntegrationMessage> = (message: M) => Promise<void> | void;

/** What a middleware sees of one handler attempt. */
export interface DeliveryContext {
  readonly message: IntegrationMessage;
  readonly subscription: string;
  readonly attempt: number;
}

/** Wraps every handler attempt (logging, tracing, metrics): call `next()` to run the handler. */
export type Middleware = (context: DeliveryContext, next: () => Promise<void>) => Promise<void>;

export interface SubscribeOptions {
  /** Names the subscription in dead letters and metrics. Default: the pattern. */
  readonly name?: string;
  /** Only this tenant's messages reach the handler; messages without a tenant do not either. */
  readonly tenantId?: string;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  /** Deliver messages with the same `key` one after the other, in publish order. */
  readonly ordered?: boolean;
}

export interface InProcessBusOptions {
  readonly retry?: RetryPolicy;
  /** Default per-handler timeout; none when undefined. */
  readonly timeoutMs?: number;
  readonly middleware?: readonly Middleware[];
  readonly sleep?: Sleep;
  readonly random?: Random;
  readonly clock?: { now(): Date };
  readonly telemetry?: Telemetry;
}

interface Subscriber {
  readonly name: string;
  readonly matches: (type: string) => boolean;
  readonly handler: Handler;
  readonly tenantId: string | undefined;
  readonly timeoutMs: number | undefined;
  readonly retry: RetryPolicy;
  readonly ordered: boolean;
  /** Per key: the tail of the chain of deliveries in flight (ordered subscribers). */
  readonly chains: Map<string, Promise<void>>;
}

/**
 * Publish/subscribe inside one process. `publish` resolves when every matching handler has
 * finished or been dead-lettered, so a relay publishing here checkpoints after handling.
 */
export class InProcessBus implements Publisher {
  readonly name = 'in-process-bus';
  readonly #subscribers = new Set<Subscriber>();
  readonly #middleware: Middleware[];
  readonly #deadLetters = new Map<string, DeadLetter & { readonly subscriber: Subscriber }>();
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number | undefined;
  readonly #sleep: Sleep;
  readonly #random: Random;
  readonly #clock: { now(): Date };
  readonly #telemetry: Telemetry;
  #deadLetterSeq = 0;

  constructor(options: InProcessBusOptions = {}) {
    this.#retry = checkRetryPolicy(options.retry ?? defaultRetry);
    this.#timeoutMs = options.timeoutMs;
    this.#middleware = [...(options.middleware ?? [])];
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? mathRandom;
    this.#clock = options.clock ?? { now: () => new Date() };
    this.#telemetry = options.telemetry ?? new Telemetry();
  }

  use(middleware: Middleware): void {
    this.#middleware.push(middleware);
  }

  /** Subscribes to one message definition (typed) or a pattern (`loyalty.*`, `loyalty.>`); returns the unsubscribe. */
  subscribe<T extends string, S extends z.ZodType>(
    target: MessageDefinition<T, S>,
    handler: Handler<IntegrationMessage<T, z.output<S>>>,
    options?: SubscribeOptions,
  ): () => void;
  subscribe(target: string, handler: Handler, options?: SubscribeOptions): () => void;
  subscribe(
    target: string | MessageDefinition,
    handler: Handler<never>,
    options: SubscribeOptions = {},
  ): () => void {
    const pattern = typeof target === 'string' ? target : target.type;
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0))
      throw new IntegrationOptionError('timeoutMs', 'must be > 0');
    const subscriber: Subscriber = {
      name: options.name ?? pattern,
      matches: compilePattern(pattern),
      handler: handler as Handler,
      tenantId: options.tenantId,
      timeoutMs: options.timeoutMs ?? this.#timeoutMs,
      retry: options.retry ? checkRetryPolicy(options.retry) : this.#retry,
      ordered: options.ordered ?? false,
      chains: new Map(),
    };
    this.#subscribers.add(subscriber);
    return () => void this.#subscribers.delete(subscriber);
  }

  async publish(message: IntegrationMessage): Promise<void> {
    const targets = [...this.#subscribers].filter(
      (s) => s.matches(message.type) && (s.tenantId === undefined || s.tenantId === message.tenantId),
    );
    this.#telemetry.record({
      kind: 'published',
      component: 'bus',
      target: this.name,
      messageType: message.type,
    });
    // Handlers run in parallel; each one's failure is its own (retried, then dead-lettered).
    await Promise.all(targets.map((subscriber) => this.#dispatch(subscriber, message)));
  }

  /** Messages that exhausted their retries, oldest first. */
  deadLetters(): DeadLetter[] {
    return [...this.#deadLetters.values()].map(({ subscriber: _, ...letter }) => letter);
  }

  /** Runs a dead letter's handler again (with its retries); true when it succeeded and left the list. */
  async redeliver(deadLetterId: string): Promise<boolean> {
    const letter = this.#deadLetters.get(deadLetterId);
    if (!letter) return false;
    this.#deadLetters.delete(deadLetterId);
    await this.#deliver(letter.subscriber, letter.message);
    return ![...this.#deadLetters.values()].some(
      (l) => l.message.id === letter.message.id && l.subscriber === letter.subscriber,
    );
  }

  #dispatch(subscriber: Subscriber, message: IntegrationMessage): Promise<void> {
    if (!subscriber.ordered) return this.#deliver(subscriber, message);
    const previous = subscriber.chains.get(message.key) ?? Promise.resolve();
    const next = previous.then(() => this.#deliver(subscriber, message));
    subscriber.chains.set(message.key, next);
    return next.finally(() => {
      if (subscriber.chains.get(message.key) === next) subscriber.chains.delete(message.key);
    });
  }

  async #deliver(subscriber: Subscriber, message: IntegrationMessage): Promise<void> {
    const base = { component: 'bus' as const, target: subscriber.name, messageType: message.type };
    const outcome = await retrying(
      {
        policy: subscriber.retry,
        sleep: this.#sleep,
        random: this.#random,
        onRetry: () => this.#telemetry.record({ ...base, kind: 'retried' }),
      },
      (attempt) =>
        this.#telemetry.span(
          `${message.type} process`,
          'consumer',
          message.headers,
          {
            'messaging.system': 'strata.bus',
            'messaging.message.id': message.id,
            'strata.subscription': subscriber.name,
          },
          (outgoing) => this.#attempt(subscriber, { ...message, headers: outgoing }, attempt),
        ),
    );
    if (outcome.ok) {
      this.#telemetry.record({ ...base, kind: 'delivered' });
      return;
    }
    this.#telemetry.record({ ...base, kind: 'dead_lettered' });
    const id = `dl-${++this.#deadLetterSeq}`;
    this.#deadLetters.set(id, {
      id,
      target: subscriber.name,
      message,
      attempts: outcome.attempts,
      error: describeError(outcome.error),
      failedAt: this.#clock.now(),
      subscriber,
    });
  }

  #attempt(subscriber: Subscriber, message: IntegrationMessage, attempt: number): Promise<void> {
    const context: DeliveryContext = { message, subscription: subscriber.name, attempt };
    const run = (index: number): Promise<void> => {
      const middleware = this.#middleware[index];
      if (!middleware)
        return withTimeout(`handler '${subscriber.name}'`, subscriber.timeoutMs, async () => {
          await subscriber.handler(message);
        });
      return middleware(context, () => run(index + 1));
    };
    return run(0);
  }
}
