import { expectedAccount } from '../domain/loyalty-history.js';

/** Throws unless a rehydrated account holds what `count` history events leave. */
export function checkAccount(
  what: string,
  state: { readonly enrolled: boolean; readonly balance: number; readonly history: readonly unknown[] },
  count: number,
): void {
  const expected = expectedAccount(count);
  if (
    !state.enrolled ||
    state.balance !== expected.balance ||
    state.history.length !== expected.historyLength
  ) {
    throw new Error(
      `${what} gave a wrong account: balance ${state.balance} (expected ${expected.balance}), ` +
        `history ${state.history.length} (expected ${expected.historyLength}), enrolled ${String(state.enrolled)}`,
    );
  }
}
