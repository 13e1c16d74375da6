import {
  mathRandom,
  randomIds,
  type CheckpointStore,
  type EventStore,
  type Random,
  type RecordedEvent,
  type Subscription,
} from '@strata/core';
import { IntegrationOptionError, LeaseLostError, RelayDeliveryError } from '../errors/integration-errors.js';
import type { Lease } from '@strata/core';
import type { IntegrationMapping } from '../message/define-mapping.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import type { Publisher } from '../message/publisher.js';
import { checkRetryPolicy, realSleep, type RetryPolicy, type Sleep } from '../retry/backoff.js';
import { retrying } from '../retry/retry.js';
import { Telemetry } from '../telemetry/telemetry.js';

export interface OutboxRelayOptions {
  /** Names the checkpoint and the lease: one active relay per name. */
  readonly name: string;
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
  readonly mapping: IntegrationMapping;
  readonly publishers: readonly Publisher[];
  /** Without a lease, running two relays of one name only duplicates deliveries. */
  readonly lease?: Lease;
  readonly leaseTtlMs?: number;
  /** This instance's name in the lease. Default: a random id. */
  readonly owner?: string;
  /** Per message and publisher. After the last attempt the relay stops, before that event. */
  readonly retry?: RetryPolicy;
  readonly sleep?: Sleep;
  readonly random?: Random;
  readonly telemetry?: Telemetry;
  /** Told when the relay stops on an error (delivery exhausted, lease lost, mapping invalid). */
  readonly onError?: (error: unknown) => void;
}

export type RelayState = 'idle' | 'standby' | 'running' | 'stopped' | 'failed';

export interface RelayStatus {
  readonly state: RelayState;
  /** The position of the last event whose messages every publisher took. */
  readonly checkpoint: bigint | undefined;
  readonly published: number;
  readonly lastError: unknown;
}

const relayRetry: RetryPolicy = {
  maxAttempts: 10,
  initialDelayMs: 200,
  maxDelayMs: 30_000,
};

/**
 * The outbox relay: the event log is the outbox. It reads the mapped event types from its
 * checkpoint on, hands each event's messages to every publisher, and saves the event's
 * position only after all of them took all of them. A crash at any point resumes from the
 * last saved position: messages are delivered at least once, never lost, and a redelivery
 * carries the same message ids.
 */
export class OutboxRelay {
  readonly name: string;
  readonly #options: OutboxRelayOptions;
  readonly #owner: string;
  readonly #retry: RetryPolicy;
  readonly #telemetry: Telemetry;
  #state: RelayState = 'idle';
  #checkpoint: bigint | undefined;
  #published = 0;
  #lastError: unknown;
  #subscription: Subscription | undefined;
  #loop: Promise<void> | undefined;
  #renewTimer: NodeJS.Timeout | undefined;
  #leaseLost = false;
  #stopping = false;

  constructor(options: OutboxRelayOptions) {
    if (!options.name) throw new IntegrationOptionError('name', 'a relay needs a name');
    if (options.publishers.length === 0)
      throw new IntegrationOptionError('publishers', 'give at least one publisher');
    if (options.leaseTtlMs !== undefined && !(options.leaseTtlMs > 0))
      throw new IntegrationOptionError('leaseTtlMs', 'must be > 0');
    this.name = options.name;
    this.#options = options;
    this.#owner = options.owner ?? randomIds.next();
    this.#retry = checkRetryPolicy(options.retry ?? relayRetry);
    this.#telemetry = options.telemetry ?? new Telemetry();
  }

  status(): RelayStatus {
    return {
      state: this.#state,
      checkpoint: this.#checkpoint,
      published: this.#published,
      lastError: this.#lastError,
    };
  }

  /**
   * Delivers everything recorded so far, then returns (a one-off run: tests, scripts, cron).
   * Rejects with the error that stopped it; the checkpoint stays before the failed event.
   */
  async catchUp(): Promise<RelayStatus> {
    if (!(await this.#takeLease())) throw new LeaseLostError(this.name, this.#owner);
    try {
      const from = await this.#from();
      for await (const event of this.#options.store.readAll({ from, filter: this.#filter() })) {
        await this.#process(event);
      }
      return this.status();
    } finally {
      await this.#options.lease?.release(this.name, this.#owner);
    }
  }

  /**
   * Runs until `stop()`: waits for the lease (state `standby`), catches up, then follows new
   * events live. Resolves once the relay is running (or stopped while waiting).
   */
  async start(): Promise<void> {
    if (this.#loop) throw new IntegrationOptionError('start', `relay '${this.name}' is already started`);
    this.#stopping = false;
    this.#state = 'standby';
    while (!(await this.#takeLease())) {
      if (this.#stopping) return;
      await realSleep(this.#ttl() / 2);
      if (this.#stopping) return;
    }
    this.#leaseLost = false;
    this.#state = 'running';
    this.#startRenewing();
    const subscription = this.#options.store.subscribe({ from: await this.#from(), filter: this.#filter() });
    this.#subscription = subscription;
    this.#loop = this.#follow(subscription);
  }

  /** Stops after the event in hand and gives the lease up. */
  async stop(): Promise<void> {
    this.#stopping = true;
    clearInterval(this.#renewTimer);
    await this.#subscription?.stop();
    await this.#loop;
    this.#loop = undefined;
    if (this.#state === 'running' || this.#state === 'standby') this.#state = 'stopped';
    await this.#options.lease?.release(this.name, this.#owner);
  }

  async #follow(subscription: Subscription): Promise<void> {
    try {
      for await (const event of subscription) {
        if (this.#leaseLost) throw new LeaseLostError(this.name, this.#owner);
        await this.#process(event);
        if (this.#stopping) break;
      }
    } catch (error) {
      this.#state = 'failed';
      this.#lastError = error;
      clearInterval(this.#renewTimer);
      await subscription.stop();
      this.#options.onError?.(error);
    }
  }

  async #process(event: RecordedEvent): Promise<void> {
    let messages: IntegrationMessage[];
    try {
      messages = this.#options.mapping.map(event);
    } catch (error) {
      this.#fail(error);
      throw error;
    }
    for (const message of messages) await this.#deliver(event, message);
    // A relay that lost its lease must not move the successor's checkpoint.
    if (this.#leaseLost) throw new LeaseLostError(this.name, this.#owner);
    await this.#options.checkpoints.save(this.name, event.position);
    this.#checkpoint = event.position;
  }

  async #deliver(event: RecordedEvent, message: IntegrationMessage): Promise<void> {
    const attributes = {
      'messaging.message.id': message.id,
      'messaging.destination.name': message.subject,
      'strata.relay': this.name,
    };
    await this.#telemetry.span(
      `${message.subject} publish`,
      'producer',
      message.headers,
      attributes,
      async (headers) => {
        const traced: IntegrationMessage = { ...message, headers };
        for (const publisher of this.#options.publishers) {
          const metric = { component: 'relay' as const, target: publisher.name, messageType: message.type };
          const outcome = await retrying(
            {
              policy: this.#retry,
              sleep: this.#options.sleep ?? realSleep,
              random: this.#options.random ?? mathRandom,
              onRetry: () => this.#telemetry.record({ ...metric, kind: 'retried' }),
            },
            () => publisher.publish(traced),
          );
          if (!outcome.ok) {
            this.#telemetry.record({ ...metric, kind: 'failed' });
            const error = new RelayDeliveryError(
              this.name,
              event.eventId,
              event.position,
              outcome.attempts,
              outcome.error,
            );
            this.#fail(error);
            throw error;
          }
          this.#telemetry.record({
            ...metric,
            kind: 'published',
            ...(message.tenantId !== undefined ? { tenantId: message.tenantId } : {}),
          });
        }
        this.#published++;
      },
    );
  }

  #fail(error: unknown): void {
    this.#state = 'failed';
    this.#lastError = error;
  }

  async #from(): Promise<bigint> {
    const saved = await this.#options.checkpoints.load(this.name);
    this.#checkpoint = saved;
    return saved === undefined ? 0n : saved + 1n;
  }

  #filter() {
    return { eventTypes: this.#options.mapping.eventTypes };
  }

  #ttl(): number {
    return this.#options.leaseTtlMs ?? 15_000;
  }

  async #takeLease(): Promise<boolean> {
    const lease = this.#options.lease;
    return lease ? lease.acquire(this.name, this.#owner, this.#ttl()) : true;
  }

  #startRenewing(): void {
    const lease = this.#options.lease;
    if (!lease) return;
    this.#renewTimer = setInterval(() => {
      // renew, not acquire: once the lease lapsed (a successor may have run) the relay must stop.
      lease.renew(this.name, this.#owner, this.#ttl()).then(
        (held) => {
          if (!held) this.#leaseLost = true;
        },
        // A renewal that cannot reach the lease store counts as lost: better idle than doubled.
        () => (this.#leaseLost = true),
      );
    }, this.#ttl() / 3);
    this.#renewTimer.unref();
  }
}
