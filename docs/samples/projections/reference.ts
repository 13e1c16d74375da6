// Smaller parts of @strata/projections' API; reference.test.ts runs them.
import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import {
  DeadLetterNotFoundError,
  MemoryReadModelTarget,
  ProjectionNotFoundError,
  ProjectionRunner,
} from '@strata/projections';
import { AccountEvents } from '../getting-started/loyalty-account.js';
import { balances } from './define.js';

// #region checkpoint-name
import { checkpointName } from '@strata/projections';

// The checkpoint of each build (version, and generation: one more per rebuild) has its own name.
const name = checkpointName({ name: 'account-balances', version: 2, generation: 0 });
// 'projection:account-balances:v2.0'
// #endregion checkpoint-name

// #region definer
import { projectionDefiner, type ProjectionContext } from '@strata/projections';

// A target of your own may give handlers more than `documents`; a definer types them for it.
type AuditContext = ProjectionContext & { readonly audit: (line: string) => void };
const defineAuditProjection = projectionDefiner<AuditContext>();

export const auditTrail = defineAuditProjection({
  name: 'audit-trail',
  version: 1,
  events: AccountEvents,
  handlers: {
    'loyalty.points.earned': (event, { audit }) => audit(`${event.data.accountId} +${event.data.points}`),
  },
});
// #endregion definer

export { name };

export async function lookups(): Promise<unknown[]> {
  const runner = new ProjectionRunner({
    store: new MemoryEventStore(),
    checkpoints: new MemoryCheckpointStore(),
    target: new MemoryReadModelTarget(),
    projections: [balances],
  });
  const errors: unknown[] = [];
  // #region not-found
  try {
    await runner.rebuild('account-balance'); // a typo
  } catch (error) {
    if (error instanceof ProjectionNotFoundError) errors.push(error); // names the projections it runs
  }
  try {
    await runner.retryDeadLetter('account-balances@v1.0#999');
  } catch (error) {
    if (error instanceof DeadLetterNotFoundError) errors.push(error); // retried or discarded already?
  }
  // #endregion not-found
  return errors;
}
