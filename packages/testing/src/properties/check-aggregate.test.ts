import { DomainError, type AggregateClass } from '@strata/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LoyaltyAccount } from '../../../core/src/fixtures/loyalty-account.js';
import { AggregatePropertyError } from './aggregate-property-error.js';
import { checkAggregate } from './check-aggregate.js';
import {
  ClockAccount,
  CounterAccount,
  FieldReadingAccount,
  MutatingAccount,
  NewDateAccount,
  PlainErrorAccount,
  RaiseThenThrowAccount,
  RandomAccount,
  RewritingAccount,
  type StampedAccount,
  UnguardedAccount,
  VisitLog,
} from './fixtures/buggy-accounts.js';

// The commands, for any account class that has enrol/earn/redeem.
const accountCommands = {
  enrol: {
    args: fc.tuple(fc.constantFrom('gold', 'silver')),
    run: (a: LoyaltyAccount, [programId]: readonly [string]) => a.enrol(programId),
  },
  earn: {
    args: fc.tuple(fc.integer({ min: 1, max: 500 }), fc.string()),
    run: (a: LoyaltyAccount, [points, reason]: readonly [number, string]) => a.earn(points, reason),
  },
  redeem: {
    args: fc.tuple(fc.integer({ min: 1, max: 500 })),
    run: (a: LoyaltyAccount, [points]: readonly [number]) => a.redeem(points),
  },
};
const invariants = { 'balance never negative': (state: LoyaltyAccount['state']) => state.balance >= 0 };

async function failure(check: Promise<unknown>): Promise<AggregatePropertyError> {
  const error: unknown = await check.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AggregatePropertyError);
  return error as AggregatePropertyError;
}

describe('checkAggregate', () => {
  it('passes a correct aggregate and counts accepted and rejected commands', async () => {
    const result = await checkAggregate(LoyaltyAccount, {
      id: 'a-1',
      commands: {
        enrol: {
          args: fc.tuple(fc.constantFrom('gold', 'silver')),
          run: (a, [programId]) => a.enrol(programId),
        },
        earn: {
          args: fc.tuple(fc.integer({ min: 1, max: 500 }), fc.string()),
          run: (a, [points, reason]) => a.earn(points, reason),
        },
        redeem: {
          args: fc.tuple(fc.integer({ min: 1, max: 500 })),
          run: async (a, [points]) => a.redeem(points),
        },
      },
      invariants,
      numRuns: 40,
      seed: 42,
    });
    expect(result.numRuns).toBe(40);
    expect(result.seed).toBe(42);
    for (const name of ['enrol', 'earn', 'redeem'] as const) {
      const stats = result.commands[name]!;
      expect(stats.runs).toBeGreaterThan(stats.rejected);
      expect(stats.rejected).toBeGreaterThan(0);
    }
  });

  it('catches a missing guard through the invariant it breaks, shrunk to the shortest sequence', async () => {
    const error = await failure(
      checkAggregate(UnguardedAccount, { id: 'a-1', commands: accountCommands, invariants, numRuns: 100 }),
    );
    expect(error.property).toBe('invariant');
    expect(error.invariant).toBe('balance never negative');
    expect(error.commands).toEqual([
      { name: 'enrol', args: ['gold'] },
      { name: 'redeem', args: [1] },
    ]);
    expect(error.events).toEqual([
      { type: 'loyalty.customer.enrolled', data: { accountId: 'a-1', programId: 'gold' } },
      { type: 'loyalty.points.redeemed', data: { accountId: 'a-1', points: 1 } },
    ]);
    expect(error.message).toContain(
      "checkAggregate(UnguardedAccount) failed: invariant 'balance never negative' broke after command 2 of 2.",
    );
    expect(error.message).toContain('  2. redeem(1)   <- broke here');
    expect(error.message).toContain(`seed: ${error.seed}, path: ${JSON.stringify(error.path)}`);
  });

  it('reproduces a reported failure from its seed and path', async () => {
    const first = await failure(checkAggregate(UnguardedAccount, { commands: accountCommands, invariants }));
    const again = await failure(
      checkAggregate(UnguardedAccount, {
        commands: accountCommands,
        invariants,
        seed: first.seed,
        path: first.path,
      }),
    );
    expect(again.commands).toEqual(first.commands);
    expect(again.property).toBe('invariant');
  });

  it('catches a command that raises an event and then throws', async () => {
    const error = await failure(
      checkAggregate(RaiseThenThrowAccount, { commands: accountCommands, invariants }),
    );
    expect(error.property).toBe('rejected-command-changes-nothing');
    expect(error.commands).toEqual([
      { name: 'enrol', args: ['gold'] },
      { name: 'earn', args: [101, ''] },
    ]);
    expect(error.message).toContain('a rejected command changes nothing broke after command 2 of 2');
    expect(error.message).toContain('earn threw DomainError OVER_LIMIT: at most 100 points at once, got 101');
    expect(error.message).toContain('but had raised 1 event');
  });

  it('catches apply mutating the event it is given', async () => {
    const error = await failure(checkAggregate(MutatingAccount, { commands: accountCommands, invariants }));
    expect(error.property).toBe('apply-does-not-mutate-event');
    expect(error.commands).toEqual([
      { name: 'enrol', args: ['gold'] },
      { name: 'earn', args: [1, ''] },
    ]);
    expect(error.message).toContain('apply does not mutate the event broke after command 2 of 2');
    expect(error.message).toContain(
      'apply changed the loyalty.points.earned event it was given from ' +
        '{"data":{"accountId":"test-1","points":1,"reason":""},"metadata":{}} to ' +
        '{"data":{"accountId":"test-1","points":1,"reason":"!"},"metadata":{}}',
    );
  });

  it('catches apply writing into the event even when the value stays the same (replay freezes events)', async () => {
    const error = await failure(checkAggregate(RewritingAccount, { commands: accountCommands, invariants }));
    expect(error.property).toBe('apply-does-not-mutate-event');
    expect(error.commands).toEqual([
      { name: 'enrol', args: ['gold'] },
      { name: 'earn', args: [1, ''] },
    ]);
    expect(error.message).toContain(
      'on replay, apply wrote into the frozen loyalty.points.earned event {"accountId":"test-1","points":1,"reason":""} ' +
        'it was given, so loading this aggregate fails with TypeError',
    );
  });

  const stampCommands = {
    enrol: {
      args: fc.tuple(fc.constantFrom('gold')),
      run: (a: StampedAccount, [p]: readonly [string]) => a.enrol(p),
    },
  };
  const hiddenInputs: [string, AggregateClass<StampedAccount>][] = [
    ['a module counter', CounterAccount],
    ['Date.now()', ClockAccount],
    ['new Date()', NewDateAccount],
    ['Math.random()', RandomAccount],
  ];

  it.each(hiddenInputs)('catches apply reading %s', async (_, Account) => {
    const error = await failure(checkAggregate(Account, { commands: stampCommands }));
    expect(error.property).toBe('deterministic-replay');
    expect(error.commands).toEqual([{ name: 'enrol', args: ['gold'] }]);
    expect(error.message).toContain('replay is deterministic (no hidden inputs) broke after command 1 of 1');
    expect(error.message).toContain('replaying the same 1 events twice gave different states');
  });

  it('catches apply reading a field that a command set: replay differs from live', async () => {
    const error = await failure(
      checkAggregate(FieldReadingAccount, {
        commands: {
          enrol: { args: fc.tuple(fc.constant('gold')), run: (a, [p]) => a.enrol(p) },
          setRate: { args: fc.tuple(fc.integer({ min: 2, max: 9 })), run: (a, [rate]) => a.setRate(rate) },
          earn: { args: fc.tuple(fc.integer({ min: 1, max: 9 })), run: (a, [points]) => a.earn(points, 'x') },
        },
        // Two shortest sequences exist (set the rate before or after enrolling): pin the run.
        seed: 7,
      }),
    );
    expect(error.property).toBe('replay-equals-live');
    expect(error.commands.map((c) => c.name)).toEqual(['setRate', 'enrol']);
    expect(error.message).toContain('live:   version 0, state {"enrolled":true,"balance":0,"stamp":2}');
    expect(error.message).toContain('replay: version 0, state {"enrolled":true,"balance":0,"stamp":1}');
  });

  it('fails a command that rejects with something other than a DomainError', async () => {
    const error = await failure(checkAggregate(PlainErrorAccount, { commands: accountCommands, invariants }));
    expect(error.property).toBe('unexpected-error');
    expect(error.commands).toEqual([{ name: 'redeem', args: [1] }]);
    expect(error.message).toContain(
      'redeem threw Error: insufficient balance for 1; a command rejects with a DomainError',
    );
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('fails events that do not read back after JSON', async () => {
    const error = await failure(
      checkAggregate(VisitLog, {
        commands: { visit: { args: fc.tuple(fc.constant(new Date(0))), run: (log, [at]) => log.visit(at) } },
      }),
    );
    expect(error.property).toBe('replay-equals-live');
    expect(error.commands).toEqual([{ name: 'visit', args: [new Date(0)] }]);
    expect(error.message).toContain(
      "event [0] visit.recorded does not read back after JSON (its definition's parse rejects " +
        '{"at":"1970-01-01T00:00:00.000Z"})',
    );
  });

  it('counts an error of the DomainError class from another copy of core as a rejection', async () => {
    // What a CJS and an ESM copy of core loaded side by side look like to each other.
    class DomainError extends Error {}
    const result = await checkAggregate(LoyaltyAccount, {
      commands: {
        refuse: {
          args: fc.tuple(fc.constant(0)),
          run: () => {
            throw new DomainError('no');
          },
        },
      },
      numRuns: 10,
      seed: 1,
    });
    expect(result.commands.refuse!.runs).toBeGreaterThan(0);
    expect(result.commands.refuse!.rejected).toBe(result.commands.refuse!.runs);
  });

  it('checks invariants on the initial state and accepts throwing invariants', async () => {
    const error = await failure(
      checkAggregate(LoyaltyAccount, {
        commands: accountCommands,
        invariants: {
          'starts enrolled': (state) => {
            if (!state.enrolled) throw new DomainError('NOPE', 'not enrolled');
          },
        },
      }),
    );
    expect(error.property).toBe('invariant');
    expect(error.invariant).toBe('starts enrolled');
    expect(error.step).toBe(-1);
    expect(error.commands).toEqual([]);
    expect(error.message).toContain(
      "invariant 'starts enrolled' broke on the initial state, before any command.",
    );
    expect(error.message).toContain('it threw DomainError NOPE: not enrolled');
  });

  it('refuses an empty command set', async () => {
    await expect(checkAggregate(LoyaltyAccount, { commands: {} })).rejects.toThrow(
      'checkAggregate needs at least one command',
    );
  });
});
