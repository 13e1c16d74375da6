import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineEvent } from '../events/define-event.js';
import { defineEvents, type EventOf } from '../events/define-events.js';
import type { RecordedEvent } from '../events/event.js';
import { AggregateRoot } from './aggregate-root.js';
import type { Draft } from 'immer';

const ItemsSet = defineEvent('cart.items.set', z.object({ items: z.array(z.string()) }));
const ItemAdded = defineEvent('cart.item.added', z.object({ item: z.string() }));
const CartEvents = defineEvents(ItemsSet, ItemAdded);
type CartEvent = EventOf<typeof CartEvents>;
type CartState = { items: string[]; count: number };

const SHARED_INITIAL: CartState = { items: [], count: 0 };

/** Keeps the event's array as its own state, then pushes into it: fine on a draft, not on a plain copy. */
class AliasingCart extends AggregateRoot<CartState, CartEvent> {
  static readonly category = 'cart';
  static readonly events = CartEvents;
  protected initialState(): CartState {
    return SHARED_INITIAL;
  }
  protected apply(state: Draft<CartState>, event: CartEvent): void {
    switch (event.type) {
      case 'cart.items.set':
        state.items = event.data.items;
        state.count = event.data.items.length;
        return;
      case 'cart.item.added':
        state.items.push(event.data.item);
        state.count++;
        return;
    }
  }
  set(items: string[]) {
    this.raise(ItemsSet, { items });
  }
  add(item: string) {
    this.raise(ItemAdded, { item });
  }
}

const recorded = (events: readonly CartEvent[]): RecordedEvent[] =>
  events.map((event, i) => ({
    ...event,
    eventId: `e-${i}`,
    streamId: 'cart-1',
    revision: BigInt(i),
    position: BigInt(i),
    recordedAt: new Date(0),
  }));

describe('replay paths', () => {
  it('falls back to an immer draft when apply writes into event data it aliased, and gets the live state', () => {
    const live = new AliasingCart('1');
    live.set(['a']);
    live.add('b');
    live.add('c');
    const history = recorded(live.uncommittedEvents);
    const replayed = new AliasingCart('1').replay(history as CartEvent[]);
    expect(replayed.state).toEqual({ items: ['a', 'b', 'c'], count: 3 });
    expect(replayed.state).toEqual(live.state);
    // The events themselves were not changed by the replay.
    expect((history[0]!.data as { items: string[] }).items).toEqual(['a']);
  });

  it('never mutates a shared initial state object', () => {
    const cart = new AliasingCart('1').replay([ItemAdded.create({ item: 'x' })]);
    expect(cart.state.items).toEqual(['x']);
    expect(SHARED_INITIAL).toEqual({ items: [], count: 0 });
  });

  it('replays on top of existing state without touching the frozen current state', () => {
    const cart = new AliasingCart('1').replay([ItemAdded.create({ item: 'x' })]);
    const before = cart.state;
    cart.replay([ItemAdded.create({ item: 'y' })]);
    expect(before.items).toEqual(['x']);
    expect(cart.state.items).toEqual(['x', 'y']);
    expect(cart.version).toBe(1n);
  });

  it('keeps class instances in state by reference, as immer does', () => {
    class Money {
      constructor(readonly cents: number) {}
      get euros() {
        return this.cents / 100;
      }
    }
    const Paid = defineEvent('till.paid', z.object({ cents: z.number() }));
    const TillEvents = defineEvents(Paid);
    class Till extends AggregateRoot<{ total: Money; euros: number }, EventOf<typeof TillEvents>> {
      static readonly category = 'till';
      static readonly events = TillEvents;
      protected initialState() {
        return { total: new Money(0), euros: 0 };
      }
      protected apply(state: Draft<{ total: Money; euros: number }>, event: EventOf<typeof TillEvents>) {
        state.total = new Money(state.total.cents + event.data.cents);
        state.euros = state.total.euros;
      }
    }
    const till = new Till('1').replay([Paid.create({ cents: 250 }), Paid.create({ cents: 100 })]);
    expect(till.state.total).toBeInstanceOf(Money);
    expect(till.state.euros).toBe(3.5);
  });
});
