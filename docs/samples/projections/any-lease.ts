import { MemoryCheckpointStore, MemoryEventStore, MemoryLease, type Lease } from '@strata/core';
import { defineProjection, MemoryReadModelTarget, ProjectionRunner } from '@strata/projections';
import { AccountEvents } from '../getting-started/loyalty-account.js';

export const store = new MemoryEventStore();
const checkpoints = new MemoryCheckpointStore();
const target = new MemoryReadModelTarget();
const members = defineProjection({
  name: 'members',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': async (event, { documents }) => {
      await documents('members').set(event.data.accountId, { programId: event.data.programId });
    },
  },
});

export function runnerFor(owner: string, leases: Lease) {
  // #region any-lease
  // Leases kept elsewhere than the target: any Lease (new PostgresLease(pool) from @strata/postgres).
  const runner = new ProjectionRunner({
    store,
    checkpoints,
    target,
    projections: [members],
    lease: { leases, ttlMs: 10_000, renewEveryMs: 2_000, owner },
  });
  // #endregion
  return runner;
}

export const shared = new MemoryLease();
export const memberDocuments = () => target.documents<{ programId: string }>('members', 'members');
