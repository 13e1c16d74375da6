// The Payment aggregate: a card payment for one order. Authorised (or declined) once, then
// captured up to what was authorised, then refunded up to what was captured.
import {
  AggregateRoot,
  DomainError,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
} from '@strata/core';
import { z } from 'zod';

const Cents = z.number().int().positive();

export const PaymentAuthorised = defineEvent(
  'payment.authorised',
  z.object({ paymentId: z.string(), orderId: z.string(), amount: Cents }),
);
export const PaymentDeclined = defineEvent(
  'payment.declined',
  z.object({ paymentId: z.string(), orderId: z.string(), amount: Cents, reason: z.string() }),
);
export const PaymentCaptured = defineEvent(
  'payment.captured',
  z.object({ paymentId: z.string(), amount: Cents }),
);
export const PaymentRefunded = defineEvent(
  'payment.refunded',
  z.object({ paymentId: z.string(), amount: Cents }),
);
export const PaymentEvents = defineEvents(
  PaymentAuthorised,
  PaymentDeclined,
  PaymentCaptured,
  PaymentRefunded,
);
export type PaymentEvent = EventOf<typeof PaymentEvents>;

export type PaymentStatus = 'new' | 'authorised' | 'declined';
export type PaymentState = {
  status: PaymentStatus;
  orderId: string;
  authorised: number;
  captured: number;
  refunded: number;
  declineReason: string | undefined;
};

export class Payment extends AggregateRoot<PaymentState, PaymentEvent> {
  static readonly category = 'payment';
  static readonly events = PaymentEvents;

  protected initialState(): PaymentState {
    return { status: 'new', orderId: '', authorised: 0, captured: 0, refunded: 0, declineReason: undefined };
  }

  protected apply(state: Draft<PaymentState>, event: PaymentEvent): void {
    switch (event.type) {
      case 'payment.authorised':
        state.status = 'authorised';
        state.orderId = event.data.orderId;
        state.authorised = event.data.amount;
        return;
      case 'payment.declined':
        state.status = 'declined';
        state.orderId = event.data.orderId;
        state.declineReason = event.data.reason;
        return;
      case 'payment.captured':
        state.captured += event.data.amount;
        return;
      case 'payment.refunded':
        state.refunded += event.data.amount;
        return;
    }
  }

  authorise(orderId: string, amount: number): void {
    this.#mustBeNew(amount);
    this.raise(PaymentAuthorised, { paymentId: this.id, orderId, amount });
  }

  /** Records the card issuer's refusal: a fact, so that nobody asks the issuer again. */
  decline(orderId: string, amount: number, reason: string): void {
    this.#mustBeNew(amount);
    this.raise(PaymentDeclined, { paymentId: this.id, orderId, amount, reason });
  }

  capture(amount: number): void {
    this.#positive(amount);
    if (this.state.status !== 'authorised') {
      throw new DomainError('PAYMENT_NOT_AUTHORISED', `payment ${this.id} is ${this.state.status}`, {
        paymentId: this.id,
        status: this.state.status,
      });
    }
    const left = this.state.authorised - this.state.captured;
    if (amount > left) {
      throw new DomainError(
        'CAPTURE_EXCEEDS_AUTHORISED',
        `payment ${this.id}: capture ${amount}, ${left} left`,
        {
          paymentId: this.id,
          requested: amount,
          left,
        },
      );
    }
    this.raise(PaymentCaptured, { paymentId: this.id, amount });
  }

  refund(amount: number): void {
    this.#positive(amount);
    const left = this.state.captured - this.state.refunded;
    if (amount > left) {
      throw new DomainError(
        'REFUND_EXCEEDS_CAPTURED',
        `payment ${this.id}: refund ${amount}, ${left} refundable`,
        {
          paymentId: this.id,
          requested: amount,
          left,
        },
      );
    }
    this.raise(PaymentRefunded, { paymentId: this.id, amount });
  }

  #mustBeNew(amount: number): void {
    if (this.state.status !== 'new') {
      throw new DomainError(
        'PAYMENT_ALREADY_PROCESSED',
        `payment ${this.id} is already ${this.state.status}`,
        {
          paymentId: this.id,
          status: this.state.status,
        },
      );
    }
    this.#positive(amount);
  }

  #positive(amount: number): void {
    if (!Number.isInteger(amount) || amount <= 0) {
      throw new DomainError('INVALID_AMOUNT', `amount must be a positive number of cents, got ${amount}`, {
        amount,
      });
    }
  }
}
