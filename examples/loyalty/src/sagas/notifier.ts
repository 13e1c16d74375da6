// How members hear from a program (e-mail, push…): the one thing outside Strata the enrolment
// saga calls.

export interface Notification {
  readonly customerId: string;
  readonly programId: string;
  readonly subject: string;
  readonly body: string;
}

export interface NotifyRequest extends Notification {
  /** The saga step's idempotency key: a repeated request sends nothing new. */
  readonly key: string;
  readonly signal: AbortSignal;
}

export interface Notifier {
  notify(request: NotifyRequest): Promise<void>;
}

/** The notifier could not reach the customer. */
export class NotificationFailedError extends Error {
  readonly code = 'NOTIFICATION_FAILED';

  constructor(
    readonly customerId: string,
    readonly reason: string,
  ) {
    super(`could not notify ${customerId}: ${reason}`);
    this.name = 'NotificationFailedError';
  }
}

/**
 * An in-process notifier for tests and the demo: it keeps what it sent (once per idempotency
 * key) and fails for the customers it was told to.
 */
export class InMemoryNotifier implements Notifier {
  readonly failing = new Map<string, string>();
  readonly #sent = new Map<string, Notification>();
  calls = 0;

  /** Every later notification to this customer fails with `reason`. */
  failFor(customerId: string, reason = 'mailbox unavailable'): this {
    this.failing.set(customerId, reason);
    return this;
  }

  /** What was sent, in order. */
  get sent(): Notification[] {
    return [...this.#sent.values()];
  }

  async notify(request: NotifyRequest): Promise<void> {
    request.signal.throwIfAborted();
    this.calls++;
    if (this.#sent.has(request.key)) return;
    const reason = this.failing.get(request.customerId);
    if (reason !== undefined) throw new NotificationFailedError(request.customerId, reason);
    const { customerId, programId, subject, body } = request;
    this.#sent.set(request.key, { customerId, programId, subject, body });
  }
}
