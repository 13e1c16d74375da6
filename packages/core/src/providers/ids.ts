import { randomUUID } from 'node:crypto';

/** Where Strata gets new ids (event ids, saga ids): inject a sequence in tests. */
export interface IdGenerator {
  next(): string;
}

export const randomIds: IdGenerator = { next: () => randomUUID() };

/** Deterministic UUID-shaped ids: 00000000-0000-4000-8000-000000000001, …002, … */
export function sequentialIds(prefix = '00000000-0000-4000-8000-'): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}${(++n).toString().padStart(12, '0')}` };
}
