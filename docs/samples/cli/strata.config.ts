// #region config
import { defineConfig } from '@strata/cli';
import { balances } from '../projections/define.js';

export default defineConfig({
  store: 'pglite:./data', // STRATA_STORE_URL or --store override it
  schema: 'strata', // the PostgreSQL schema of the store's tables (the default)
  projections: [balances], // for `strata projections …` and `strata dead-letters …`
  // target: (store) => new MyReadModelTarget(store), // default: PostgreSQL read models
});
// #endregion
