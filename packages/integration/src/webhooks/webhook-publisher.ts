import { mathRandom, systemClock, type Clock, type Random } from '@strata/core';
import { describeError } from '../bus/dead-letter.js';
import { CircuitOpenError, WebhookDeliveryError } from '../errors/integration-errors.js';
import { messageToJson, type IntegrationMessage } from '../message/integration-message.js';
import type { Publisher } from '../message/publisher.js';
import { checkRetryPolicy, realSleep, type RetryPolicy, type Sleep } from '../retry/backoff.js';
import { retrying } from '../retry/retry.js';
import { Telemetry } from '../telemetry/telemetry.js';
import { CircuitBreaker } from './circuit-breaker.js';
import { parseRetryAfter } from './retry-after.js';
import { signWebhook } from './signature.js';
import {
  wants,
  type WebhookDeadLetter,
  type WebhookStore,
  type WebhookSubscription,
} from './webhook-store.js';

export interface WebhookPublisherOptions {
  readonly store: WebhookStore;
  readonly retry?: RetryPolicy;
  /** Per request. Default 10 s. */
  readonly timeoutMs?: number;
  readonly breaker?: CircuitBreaker;
  readonly clock?: Clock;
  readonly sleep?: Sleep;
  readonly random?: Random;
  readonly telemetry?: Telemetry;
}

const webhookRetry: RetryPolicy = {
  maxAttempts: 6,
  initialDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  factor: 3,
};

/** 4xx other than these means the receiver rejects the message itself: retrying cannot help. */
const RETRYABLE_4XX = new Set([408, 409, 425, 429]);

/**
 * Delivers messages to the webhook subscriptions that want them: a signed JSON POST per
 * endpoint, retried with backoff (longer when the endpoint sends `Retry-After`), behind a
 * circuit breaker per endpoint, and dead-lettered in the store after the last attempt.
 * `publish` resolves once every endpoint took the message or it was dead-lettered.
 */
export class WebhookPublisher implements Publisher {
  readonly name = 'webhooks';
  readonly breaker: CircuitBreaker;
  readonly #store: WebhookStore;
  readonly #retry: RetryPolicy;
  readonly #timeoutMs: number;
  readonly #clock: Clock;
  readonly #sleep: Sleep;
  readonly #random: Random;
  readonly #telemetry: Telemetry;

  constructor(options: WebhookPublisherOptions) {
    this.#store = options.store;
    this.#retry = checkRetryPolicy(options.retry ?? webhookRetry);
    this.#timeoutMs = options.timeoutMs ?? 10_000;
    this.#clock = options.clock ?? systemClock;
    this.breaker = options.breaker ?? new CircuitBreaker({ clock: this.#clock });
    this.#sleep = options.sleep ?? realSleep;
    this.#random = options.random ?? mathRandom;
    this.#telemetry = options.telemetry ?? new Telemetry();
  }

  async publish(message: IntegrationMessage): Promise<void> {
    const subscriptions = (await this.#store.list()).filter((s) => wants(s, message));
    // Endpoints are independent: a slow or failing partner does not hold up the others' outcome.
    await Promise.all(subscriptions.map((subscription) => this.#deliver(subscription, message)));
  }

  /** Sends a dead letter again (with retries); true when it was delivered and left the store. */
  async redeliver(deadLetterId: string): Promise<boolean> {
    const letter = (await this.#store.deadLetters()).find((l) => l.id === deadLetterId);
    if (!letter) return false;
    const subscription = await this.#store.get(letter.subscriptionId);
    if (!subscription) return false;
    return this.#deliver(subscription, letter.message);
  }

  async #deliver(subscription: WebhookSubscription, message: IntegrationMessage): Promise<boolean> {
    const metric = { component: 'webhook' as const, target: subscription.url, messageType: message.type };
    const started = this.#clock.now().getTime();
    const outcome = await retrying(
      {
        policy: this.#retry,
        sleep: this.#sleep,
        random: this.#random,
        delayFrom: (error) =>
          error instanceof CircuitOpenError
            ? this.breaker.waitMs(subscription.url)
            : error instanceof WebhookDeliveryError
              ? error.retryAfterMs
              : undefined,
        isFatal: (error) =>
          error instanceof WebhookDeliveryError &&
          error.status !== undefined &&
          error.status >= 400 &&
          error.status < 500 &&
          !RETRYABLE_4XX.has(error.status),
        onRetry: () => this.#telemetry.record({ ...metric, kind: 'retried' }),
      },
      () =>
        this.#telemetry.span(
          `webhook ${message.type} send`,
          'producer',
          message.headers,
          { 'url.full': subscription.url, 'messaging.message.id': message.id },
          (headers) => this.#attempt(subscription, { ...message, headers }),
        ),
    );
    const durationMs = this.#clock.now().getTime() - started;
    if (outcome.ok) {
      this.#telemetry.record({ ...metric, kind: 'delivered', durationMs });
      await this.#store.removeDeadLetter(deadLetterIdOf(subscription, message));
      return true;
    }
    this.#telemetry.record({ ...metric, kind: 'dead_lettered', durationMs });
    const letter: WebhookDeadLetter = {
      id: deadLetterIdOf(subscription, message),
      subscriptionId: subscription.id,
      target: subscription.url,
      message,
      attempts: outcome.attempts,
      error: describeError(outcome.error),
      failedAt: this.#clock.now(),
    };
    await this.#store.addDeadLetter(letter);
    return false;
  }

  async #attempt(subscription: WebhookSubscription, message: IntegrationMessage): Promise<void> {
    const url = subscription.url;
    this.breaker.enter(url);
    const body = JSON.stringify(messageToJson(message));
    const timestamp = Math.floor(this.#clock.now().getTime() / 1000);
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: {
          ...message.headers,
          'content-type': 'application/json',
          'user-agent': 'strata-webhooks',
          'x-strata-signature': signWebhook(subscription.secret, body, timestamp),
          'x-strata-event-id': message.id,
          'x-strata-event-type': message.type,
          ...(message.tenantId !== undefined ? { 'x-strata-tenant-id': message.tenantId } : {}),
        },
        body,
        signal: AbortSignal.timeout(this.#timeoutMs),
        redirect: 'error',
      });
      // The body is not needed; reading it frees the connection.
      await response.arrayBuffer();
    } catch (error) {
      this.breaker.failure(url);
      const reason =
        error instanceof Error && error.name === 'TimeoutError'
          ? `no answer within ${this.#timeoutMs} ms`
          : `request failed (${error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)})`;
      throw new WebhookDeliveryError(url, undefined, reason, undefined, error);
    }
    if (response.ok) {
      this.breaker.success(url);
      return;
    }
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.#clock.now().getTime());
    // A 4xx is the receiver speaking: the endpoint is up, so it does not count against the breaker.
    if (response.status >= 500 || response.status === 408 || response.status === 429)
      this.breaker.failure(url);
    else this.breaker.success(url);
    throw new WebhookDeliveryError(url, response.status, `answered ${response.status}`, retryAfterMs);
  }
}

function deadLetterIdOf(subscription: WebhookSubscription, message: IntegrationMessage): string {
  return `${subscription.id}:${message.id}`;
}
