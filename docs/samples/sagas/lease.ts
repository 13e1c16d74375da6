import {
  DomainError,
  MemoryCheckpointStore,
  MemoryLease,
  createEventStore,
  type EventStore,
} from '@strata/core';
import { SagaOrchestrator, defineSaga } from '@strata/sagas';
import { Inventory, OrderPlaced, Payments, placeOrderSaga } from './place-order.js';

export function refundSaga(calls: string[]) {
  // #region non-retryable
  const refund = defineSaga({
    name: 'refund-order',
    startedBy: OrderPlaced,
    correlate: (event) => event.data.orderId,
    steps: [
      {
        name: 'refund',
        run: (ctx) => {
          calls.push(`refund ${ctx.input.orderId} #${ctx.attempt}`);
          // The issuer's answer will be the same on every attempt: the saga fails at once and
          // compensates, instead of asking maxAttempts times.
          if (ctx.input.amount > 100)
            throw new DomainError('REFUND_TOO_LARGE', 'refunds above 100 need a person');
          // A service error of your own may say so too: throw new NonRetryableError('…', { cause })
        },
      },
    ],
    retry: { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5_000 },
  });
  // #endregion
  return refund;
}

export async function refusal() {
  const calls: string[] = [];
  const store = createEventStore('memory:');
  const orchestrator = new SagaOrchestrator({
    store,
    checkpoints: new MemoryCheckpointStore(),
    sagas: [refundSaga(calls)],
  });
  await orchestrator.start();
  await store.append('order-r-1', [OrderPlaced.create({ orderId: 'r-1', items: ['tv'], amount: 900 })]);
  await orchestrator.idle();
  const status = await orchestrator.get('refund-order', 'r-1');
  await orchestrator.stop();
  return { calls, status };
}

export async function takeover(store: EventStore = createEventStore('memory:')) {
  const checkpoints = new MemoryCheckpointStore();
  const saga = placeOrderSaga(new Inventory(), new Payments(), []);
  // #region lease
  const lease = new MemoryLease(); // one process; across machines: new PostgresLease(pool) from @strata/postgres
  const make = (owner: string) =>
    new SagaOrchestrator({
      store,
      checkpoints,
      sagas: [saga],
      lease, // one orchestrator per store and `name` runs sagas
      leaseTtlMs: 1_000, // a standby takes over at most this long after the holder stops renewing
      leaseRenewEveryMs: 100, // default leaseTtlMs / 5
      owner, // default a random UUID
    });
  const first = make('worker-a');
  const second = make('worker-b');
  await first.start();
  await second.start(); // it asks for the lease every 100 ms meanwhile
  const roles = [first.state, second.state]; // ['active', 'standby']
  await first.stop(); // releases the lease: worker-b takes over at its next ask
  // #endregion
  const stopped = first.state;
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = second.state;
  await second.stop();
  return { roles, stopped, after };
}
