import { defineSaga } from './definition/define-saga.js';
import { OrderPlaced } from './test-support/events.js';
export const s = defineSaga({
  name: 'x',
  startedBy: OrderPlaced,
  correlate: (e) => e.data.orderId,
  steps: [
    { name: 'a', run: async () => ({ reservationId: 'x' }), compensate: async (ctx) => { const r: string = ctx.output.reservationId; return r; } },
  ],
});
function f<const O extends readonly unknown[]>(x: { steps: { [K in keyof O]: { run: (n: number) => O[K]; c: (o: O[K]) => void } } }) { return x; }
f({ steps: [{ run: (n) => ({ a: n }), c: (o) => { const z: number = o.a; return z; } }] });
