import { ConcurrencyError, type ExpectedRevision } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collect, newEvent, rejectionOf, type ContractContext } from './context.js';

const expectedRevision: fc.Arbitrary<ExpectedRevision> = fc.oneof(
  fc.constantFrom<ExpectedRevision>('any', 'no_stream', 'stream_exists'),
  fc.bigInt({ min: -1n, max: 6n }),
);

/** EventStoreDB's rule, as a model: does a stream at `current` (-1n: none) accept `expected`? */
function accepts(expected: ExpectedRevision, current: bigint): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return current === -1n;
  if (expected === 'stream_exists') return current !== -1n;
  return expected === current;
}

/** Random sequences of appends with random expectations behave as the model says. */
export function describeRevisionModelContract(ctx: ContractContext): void {
  describe('expected revision, against a model', () => {
    it(
      'every append of a random sequence is accepted or refused as EventStoreDB would',
      { timeout: ctx.timeoutMs },
      async () => {
        await fc.assert(
          fc.asyncProperty(
            fc.array(fc.tuple(expectedRevision, fc.integer({ min: 1, max: 3 })), {
              minLength: 1,
              maxLength: 8,
            }),
            async (appends) => {
              const store = ctx.store();
              const streamId = ctx.scope().stream('model');
              let current = -1n;
              const written: string[] = [];
              for (const [expected, size] of appends) {
                const batch = Array.from({ length: size }, () => newEvent('contract.modelled'));
                const call = () => store.append(streamId, batch, { expectedRevision: expected });
                if (accepts(expected, current)) {
                  const result = await call();
                  current += BigInt(size);
                  written.push(...batch.map((event) => event.eventId));
                  expect(result.nextExpectedRevision).toBe(current);
                } else {
                  const error = await rejectionOf(call);
                  expect(error).toBeInstanceOf(ConcurrencyError);
                  expect((error as ConcurrencyError).actualRevision).toBe(current);
                }
              }
              const events = await collect(store.readStream(streamId));
              expect(events.map((event) => event.eventId)).toEqual(written);
              expect(events.map((event) => event.revision)).toEqual(written.map((_, i) => BigInt(i)));
            },
          ),
          { numRuns: 25 },
        );
      },
    );
  });
}
