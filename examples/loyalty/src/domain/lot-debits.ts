import type { LotAmount } from './enrollment-events.js';
import type { Lot } from './enrollment-state.js';

/** Takes `points` from the lots with points left, `first` (a transaction id) first, then oldest first. */
export function debitsFor(lots: readonly Lot[], points: number, first?: string): LotAmount[] {
  const order = lots
    .map((lot, index) => ({ lot, index }))
    .filter(({ lot }) => lot.remaining > 0)
    .sort(
      (a, b) =>
        Number(b.lot.transactionId === first) - Number(a.lot.transactionId === first) ||
        Date.parse(a.lot.earnedAt) - Date.parse(b.lot.earnedAt) ||
        a.index - b.index,
    );
  const debits: LotAmount[] = [];
  let left = points;
  for (const { lot } of order) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    debits.push({ transactionId: lot.transactionId, points: take });
    left -= take;
  }
  return debits;
}
