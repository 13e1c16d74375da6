// A first aggregate of your own, in one file: getting-started.md shows it whole and tells where
// to put it in a clone of the repository. my-account.test.ts runs it.
// #region gift-card
import { z } from 'zod';
import {
  AggregateRoot,
  DomainError,
  Repository,
  createEventStore,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
} from '@strata/core';

const CardIssued = defineEvent(
  'giftCard.issued',
  z.object({ cardId: z.string(), amount: z.number().positive() }),
);
const CardSpent = defineEvent(
  'giftCard.spent',
  z.object({ cardId: z.string(), amount: z.number().positive() }),
);
const CardEvents = defineEvents(CardIssued, CardSpent);
type CardEvent = EventOf<typeof CardEvents>;

type State = { issued: boolean; balance: number };

class GiftCard extends AggregateRoot<State, CardEvent> {
  static readonly category = 'giftCard'; // streams: giftCard-<id>
  static readonly events = CardEvents;

  protected initialState(): State {
    return { issued: false, balance: 0 };
  }

  protected apply(state: Draft<State>, event: CardEvent): void {
    switch (event.type) {
      case 'giftCard.issued':
        state.issued = true;
        state.balance = event.data.amount;
        return;
      case 'giftCard.spent':
        state.balance -= event.data.amount;
        return;
    }
  }

  issue(amount: number): void {
    if (this.state.issued) throw new DomainError('ALREADY_ISSUED', `card ${this.id} is already issued`);
    this.raise(CardIssued, { cardId: this.id, amount });
  }

  spend(amount: number): void {
    if (amount > this.state.balance)
      throw new DomainError('INSUFFICIENT_BALANCE', `only ${this.state.balance} left`);
    this.raise(CardSpent, { cardId: this.id, amount });
  }
}

const cards = new Repository(createEventStore('memory:'), GiftCard);
const card = cards.create('c-1');
card.issue(50);
await cards.save(card);
await cards.update('c-1', (c) => c.spend(20));
try {
  await cards.update('c-1', (c) => c.spend(100));
} catch (error) {
  if (error instanceof DomainError) console.log(`refused: ${error.code}`); // refused: INSUFFICIENT_BALANCE
}
const loaded = await cards.load('c-1');
console.log(`balance ${loaded.state.balance} at version ${loaded.version}`); // balance 30 at version 1
// #endregion gift-card
