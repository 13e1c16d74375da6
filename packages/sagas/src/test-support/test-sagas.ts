import { defineSaga } from '../definition/define-saga.js';
import { OrderPlaced, ShippingSlotBooked, SignupRequested } from './events.js';
import type { FakeServices } from './fake-services.js';

/** The order saga, on fake services. */
export function placeOrderSaga(services: FakeServices) {
  return defineSaga({
    name: 'place-order',
    startedBy: OrderPlaced,
    correlate: (event) => event.data.orderId,
    steps: [
      {
        name: 'reserve-stock',
        run: (ctx) => services.run(ctx),
        compensate: (ctx) => services.compensate(ctx),
      },
      {
        name: 'charge-payment',
        run: (ctx) => services.run(ctx),
        compensate: (ctx) => services.compensate(ctx),
      },
      { name: 'await-shipping-slot', waitFor: ShippingSlotBooked, timeoutMs: 60_000 },
      { name: 'confirm-order', run: (ctx) => services.run(ctx) },
    ],
    retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5_000 },
    timeoutMs: 10_000,
  });
}

/** Enrol → wallet → bonus → welcome message; enrolment itself is not undone. */
export function loyaltyEnrolmentSaga(services: FakeServices) {
  return defineSaga({
    name: 'loyalty-enrolment',
    startedBy: SignupRequested,
    correlate: (event) => event.data.customerId,
    steps: [
      { name: 'enrol-customer', run: (ctx) => services.run(ctx) },
      {
        name: 'open-points-wallet',
        run: (ctx) => services.run(ctx),
        compensate: (ctx) => services.compensate(ctx),
      },
      {
        name: 'grant-welcome-bonus',
        run: (ctx) => services.run(ctx),
        compensate: (ctx) => services.compensate(ctx),
      },
      { name: 'send-welcome-message', run: (ctx) => services.run(ctx) },
    ],
    retry: { maxAttempts: 2, initialDelayMs: 50, maxDelayMs: 1_000 },
  });
}
