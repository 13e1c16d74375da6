import { MemorySnapshotStore, Repository, createEventStore, forTenant, toArray } from '@strata/core';
import { LoyaltyAccount } from '../getting-started/loyalty-account.js';

export async function twoTenants() {
  // #region for-tenant
  const shared = createEventStore('memory:');
  const acme = forTenant(shared, 'acme');
  const globex = forTenant(shared, 'globex');

  // The same aggregate id in two tenants: two different streams underneath.
  const acmeAccounts = new Repository(acme, LoyaltyAccount);
  const globexAccounts = new Repository(globex, LoyaltyAccount);
  const mine = acmeAccounts.create('a-1');
  mine.enrol('acme-rewards');
  await acmeAccounts.save(mine);

  const theirs = await globexAccounts.find('a-1'); // undefined: globex cannot see acme's a-1
  const acmeView = await toArray(acme.readAll()); // streamId 'loyaltyAccount-a-1', metadata.tenantId 'acme'
  const underneath = await toArray(shared.readAll()); // streamId 'loyaltyAccount-acme~a-1'
  // #endregion
  return { theirs, acmeView, underneath };
}

export async function tenantSnapshots() {
  // #region tenant-snapshots
  const snapshots = new MemorySnapshotStore(); // one snapshot store may serve every tenant
  const shared = createEventStore('memory:');
  const accounts = new Repository(forTenant(shared, 'acme'), LoyaltyAccount, { snapshotEvery: 1, snapshots });
  const account = accounts.create('a-1');
  account.enrol('acme-rewards');
  await accounts.save(account); // snapshot filed under 'acme~loyaltyAccount-a-1'
  // #endregion
  return snapshots;
}
