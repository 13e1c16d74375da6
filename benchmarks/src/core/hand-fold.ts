import type { AccountState } from '../domain/loyalty-account.js';

/**
 * The loyalty transition written by hand: a switch that mutates a plain object in place.
 * No drafts, no freezing, no decoding; what replay would cost with nothing but the domain
 * logic. It does the same work as `LoyaltyAccount.apply`, history entries included.
 */
export function foldAccount(
  state: AccountState,
  event: { readonly type: string; readonly data: unknown },
): void {
  switch (event.type) {
    case 'loyalty.customer.enrolled':
      state.enrolled = true;
      return;
    case 'loyalty.points.earned': {
      const points = (event.data as { points: number }).points;
      state.balance += points;
      state.history.push({ points });
      return;
    }
    case 'loyalty.points.redeemed': {
      const points = (event.data as { points: number }).points;
      state.balance -= points;
      state.history.push({ points: -points });
      return;
    }
  }
}
