import { Enrolled, PointsEarned } from '../getting-started/loyalty-account.js';
import { balances, type Account } from './define.js';
// #region runner
import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { MemoryReadModelTarget, ProjectionRunner } from '@strata/projections';

const store = new MemoryEventStore();
const checkpoints = new MemoryCheckpointStore();
const target = new MemoryReadModelTarget();
const runner = new ProjectionRunner({ store, checkpoints, target, projections: [balances], batchSize: 500 });
// #endregion

export { runner, store, target };

export async function catchUpOnce(): Promise<Account | undefined> {
  await store.append('loyaltyAccount-a-1', [
    Enrolled.create({ accountId: 'a-1', programId: 'gold' }),
    PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' }),
  ]);
  // #region catch-up
  await runner.catchUp(); // up to the log's current end, then resolves
  const account = await target.documents<Account>('account-balances', 'accounts').get('a-1');
  // #endregion
  return account;
}

export async function live(): Promise<void> {
  // #region live
  await runner.start(); // catches up, then follows new events until stop()
  process.once('SIGTERM', () => void runner.stop()); // finishes the current batch, releases the lease
  // #endregion
}

export function statusRows() {
  // #region status
  for (const { name, version, position, lag, state, deadLetters } of runner.status()) {
    console.log(`${name} v${version}: ${state} at ${position} (lag ${lag}), ${deadLetters} dead letters`);
  }
  // #endregion
  return runner.status();
}

export async function readSide() {
  // #region read
  const accounts = target.documents<Account>('account-balances', 'accounts');
  const gold = await accounts.find((account) => account.tier === 'gold');
  const count = await accounts.count();
  // #endregion
  return { gold, count };
}
