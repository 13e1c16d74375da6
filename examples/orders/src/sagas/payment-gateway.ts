// The card issuer behind the Payment aggregate: the one thing outside Strata the saga calls.

export interface AuthorisationRequest {
  readonly paymentId: string;
  readonly customerId: string;
  readonly amount: number;
  /** The saga step's idempotency key: a repeated request answers as the first did. */
  readonly key: string;
  readonly signal: AbortSignal;
}

export type AuthorisationDecision =
  { readonly approved: true } | { readonly approved: false; readonly reason: string };

export interface PaymentGateway {
  authorise(request: AuthorisationRequest): Promise<AuthorisationDecision>;
}

/**
 * An in-process issuer for tests and the demo: it approves everything up to a customer's limit
 * and declines the customers it was told to. It remembers its answer per idempotency key.
 */
export class InMemoryPaymentGateway implements PaymentGateway {
  readonly declined = new Map<string, string>();
  readonly decisions = new Map<string, AuthorisationDecision>();
  calls = 0;

  /** Every later authorisation for this customer is declined with `reason`. */
  decline(customerId: string, reason = 'card declined'): this {
    this.declined.set(customerId, reason);
    return this;
  }

  async authorise(request: AuthorisationRequest): Promise<AuthorisationDecision> {
    request.signal.throwIfAborted();
    this.calls++;
    const known = this.decisions.get(request.key);
    if (known) return known;
    const reason = this.declined.get(request.customerId);
    const decision: AuthorisationDecision =
      reason === undefined ? { approved: true } : { approved: false, reason };
    this.decisions.set(request.key, decision);
    return decision;
  }
}
