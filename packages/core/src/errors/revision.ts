import type { ExpectedRevision } from '../store/expected-revision.js';

/** How an expected revision reads in a message: bigints as numbers, names as they are. */
export function describeRevision(revision: ExpectedRevision): string {
  return typeof revision === 'bigint' ? revision.toString() : `'${revision}'`;
}
