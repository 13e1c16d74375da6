import { checkAggregate, given } from '@strata/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Payment, PaymentAuthorised, PaymentCaptured, PaymentDeclined, PaymentRefunded } from './payment.js';

const authorised = PaymentAuthorised.create({ paymentId: 'p-1', orderId: 'o-1', amount: 2800 });
const declined = PaymentDeclined.create({
  paymentId: 'p-1',
  orderId: 'o-1',
  amount: 2800,
  reason: 'card declined',
});
const captured = PaymentCaptured.create({ paymentId: 'p-1', amount: 2800 });

describe('Payment', () => {
  it('a payment is authorised for an amount', async () => {
    await given(Payment, [], { id: 'p-1' })
      .when((p) => p.authorise('o-1', 2800))
      .then([authorised]);
  });

  it('a declined payment is recorded with its reason', async () => {
    await given(Payment, [], { id: 'p-1' })
      .when((p) => p.decline('o-1', 2800, 'card declined'))
      .then([declined]);
  });

  it('a payment is authorised or declined once', async () => {
    await given(Payment, [authorised], { id: 'p-1' })
      .when((p) => p.authorise('o-1', 2800))
      .thenThrows('PAYMENT_ALREADY_PROCESSED');
    await given(Payment, [declined], { id: 'p-1' })
      .when((p) => p.decline('o-1', 2800, 'again'))
      .thenThrows('PAYMENT_ALREADY_PROCESSED');
  });

  it('amounts are positive cents', async () => {
    await given(Payment, [], { id: 'p-1' })
      .when((p) => p.authorise('o-1', 0))
      .thenThrows('INVALID_AMOUNT');
    await given(Payment, [authorised], { id: 'p-1' })
      .when((p) => p.capture(10.5))
      .thenThrows('INVALID_AMOUNT');
  });

  it('an authorised payment is captured up to the amount authorised', async () => {
    await given(Payment, [authorised], { id: 'p-1' })
      .when((p) => p.capture(2800))
      .then([captured]);
    const error = await given(
      Payment,
      [authorised, PaymentCaptured.create({ paymentId: 'p-1', amount: 2000 })],
      {
        id: 'p-1',
      },
    )
      .when((p) => p.capture(801))
      .thenThrows('CAPTURE_EXCEEDS_AUTHORISED');
    expect(error).toMatchObject({ details: { paymentId: 'p-1', requested: 801, left: 800 } });
  });

  it('a declined or new payment is never captured', async () => {
    await given(Payment, [declined], { id: 'p-1' })
      .when((p) => p.capture(2800))
      .thenThrows('PAYMENT_NOT_AUTHORISED');
    await given(Payment, [], { id: 'p-1' })
      .when((p) => p.capture(1))
      .thenThrows('PAYMENT_NOT_AUTHORISED');
  });

  it('refunds never exceed what was captured', async () => {
    await given(Payment, [authorised, captured], { id: 'p-1' })
      .when((p) => p.refund(2800))
      .then([PaymentRefunded.create({ paymentId: 'p-1', amount: 2800 })]);
    await given(Payment, [authorised, captured, PaymentRefunded.create({ paymentId: 'p-1', amount: 800 })], {
      id: 'p-1',
    })
      .when((p) => p.refund(2001))
      .thenThrows('REFUND_EXCEEDS_CAPTURED');
    await given(Payment, [authorised], { id: 'p-1' })
      .when((p) => p.refund(1))
      .thenThrows('REFUND_EXCEEDS_CAPTURED');
  });

  it('keeps its invariants under any command sequence', async () => {
    const amount = fc.integer({ min: 1, max: 3000 });
    const result = await checkAggregate(Payment, {
      id: 'p-1',
      commands: {
        authorise: { args: fc.tuple(amount), run: (p, [a]) => p.authorise('o-1', a) },
        decline: { args: fc.tuple(amount), run: (p, [a]) => p.decline('o-1', a, 'card declined') },
        capture: { args: fc.tuple(amount), run: (p, [a]) => p.capture(a) },
        refund: { args: fc.tuple(amount), run: (p, [a]) => p.refund(a) },
      },
      invariants: {
        'captured ≤ authorised': (s) => s.captured <= s.authorised,
        'refunded ≤ captured': (s) => s.refunded <= s.captured,
        'a declined payment took nothing': (s) =>
          s.status !== 'declined' || (s.captured === 0 && s.authorised === 0),
      },
      numRuns: 80,
      seed: 20261126,
    });
    const capture = result.commands.capture;
    expect(capture && capture.runs - capture.rejected).toBeGreaterThan(0);
  });
});
