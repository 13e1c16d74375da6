// The taste of the API in the repository's README.md (checked word for word by check-samples).
// #region taste
import { z } from 'zod';
import { AggregateRoot, DomainError, Repository, createEventStore, defineEvent, defineEvents,
         type Draft, type EventOf } from '@strata/core';

const Enrolled = defineEvent('loyalty.customer.enrolled', z.object({ accountId: z.string(), programId: z.string() }));
const PointsEarned = defineEvent('loyalty.points.earned',
  z.object({ accountId: z.string(), points: z.number().int().positive(), reason: z.string() }));
const AccountEvents = defineEvents(Enrolled, PointsEarned);
type AccountEvent = EventOf<typeof AccountEvents>;

class LoyaltyAccount extends AggregateRoot<{ enrolled: boolean; balance: number }, AccountEvent> {
  static readonly category = 'loyaltyAccount';            // stream: loyaltyAccount-<id>
  static readonly events = AccountEvents;
  protected initialState() { return { enrolled: false, balance: 0 }; }
  protected apply(state: Draft<{ enrolled: boolean; balance: number }>, event: AccountEvent) {
    switch (event.type) {
      case 'loyalty.customer.enrolled': state.enrolled = true; return;
      case 'loyalty.points.earned': state.balance += event.data.points; return;
    }
  }
  enrol(programId: string) { this.raise(Enrolled, { accountId: this.id, programId }); }
  earn(points: number, reason: string) {
    if (!this.state.enrolled) throw new DomainError('NOT_ENROLLED', 'enrol first');
    this.raise(PointsEarned, { accountId: this.id, points, reason });
  }
}

const accounts = new Repository(createEventStore('memory:'), LoyaltyAccount);
const account = accounts.create('a-1');
account.enrol('gold');
await accounts.save(account);                                        // ConcurrencyError if someone wrote first
await accounts.update('a-1', (a) => a.earn(10, 'signup'), { retries: 3 });
// #endregion

export { accounts, LoyaltyAccount };
