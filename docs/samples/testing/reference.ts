// Smaller parts of @strata/testing's API; reference.test.ts runs them.
import { LoyaltyAccount } from './account.js';
// #region format-path
import { formatPath } from '@strata/testing';

formatPath(['items', 0, 'price']); // 'items.0.price': the notation of core's validation errors
formatPath([]); // '(root)'
// #endregion format-path

// #region given-steps
import { given, type Given, type Spec } from '@strata/testing';

// given(...) is a Given; when(...) a Spec, whose then/thenThrows/thenState each run it afresh.
const fresh: Given<LoyaltyAccount> = given(LoyaltyAccount, [], { id: 'a-1' });
const spec: Spec<LoyaltyAccount> = fresh.when((account) => account.enrol('gold'));
// #endregion given-steps

export { spec };
export const paths = [formatPath(['items', 0, 'price']), formatPath([])];
