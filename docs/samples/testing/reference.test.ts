import { describe, expect, it } from 'vitest';
import { Enrolled } from './account.js';
import { paths, spec } from './reference.js';

describe('testing: smaller parts of the API', () => {
  it('formatPath writes zod paths as core does', () => {
    expect(paths).toEqual(['items.0.price', '(root)']);
  });

  it('a Spec can be asserted more than once', async () => {
    await spec.then([Enrolled.create({ accountId: 'a-1', programId: 'gold' })]);
    await spec.thenState((state) => expect(state.enrolled).toBe(true));
  });
});
