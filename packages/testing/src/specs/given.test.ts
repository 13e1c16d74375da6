import { DomainError, StrataError, UnknownEventTypeError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import {
  Enrolled,
  LoyaltyAccount,
  PointsEarned,
  PointsRedeemed,
} from '../../../core/src/fixtures/loyalty-account.js';
import { given } from './given.js';
import { SpecAssertionError } from './spec-assertion-error.js';

const enrolled = Enrolled.create({ accountId: 'a-1', programId: 'gold' });

async function specError(spec: Promise<unknown>): Promise<SpecAssertionError> {
  const error: unknown = await spec.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SpecAssertionError);
  return error as SpecAssertionError;
}

describe('given/when/then', () => {
  it('passes when the command raises the expected events', async () => {
    await given(LoyaltyAccount, [enrolled], { id: 'a-1' })
      .when((account) => account.earn(10, 'signup'))
      .then([PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' })]);
  });

  it('compares type and data only: metadata and event ids are ignored', async () => {
    const withIds = {
      ...PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' }, { userId: 'u' }),
      eventId: 'e-1',
      recordedAt: new Date(0),
    };
    await given(LoyaltyAccount, [enrolled], { id: 'a-1' })
      .when((account) => account.earn(10, 'signup'))
      .then([withIds]);
  });

  it('runs async commands', async () => {
    await given(LoyaltyAccount, [enrolled], { id: 'a-1' })
      .when(async (account) => {
        await Promise.resolve();
        account.earn(3, 'later');
      })
      .then([PointsEarned.create({ accountId: 'a-1', points: 3, reason: 'later' })]);
  });

  it('builds the aggregate through parse, so a v1 history event is upcast', async () => {
    const v1 = {
      type: 'loyalty.points.earned',
      data: { accountId: 'a-1', points: 5 },
      schemaVersion: 1,
      metadata: {},
    };
    await given(LoyaltyAccount, [enrolled, v1], { id: 'a-1' })
      .when((account) => account.redeem(5))
      .then([PointsRedeemed.create({ accountId: 'a-1', points: 5 })]);
    await given(LoyaltyAccount, [enrolled, v1], { id: 'a-1' })
      .when(() => undefined)
      .thenState((state) => {
        expect(state).toEqual({ enrolled: true, balance: 5, history: [{ points: 5 }] });
      });
  });

  it('accepts then([]) when nothing is raised', async () => {
    await given(LoyaltyAccount, [enrolled])
      .when(() => undefined)
      .then([]);
  });

  it('thenThrows matches an error code or an error class, and gives the error', async () => {
    const byCode = await given(LoyaltyAccount, [])
      .when((a) => a.earn(10, 'x'))
      .thenThrows('NOT_ENROLLED');
    expect(byCode.message).toBe('enrol first');
    const byClass = await given(LoyaltyAccount, [enrolled])
      .when((a) => a.redeem(7))
      .thenThrows(DomainError);
    expect(byClass.details).toEqual({ balance: 0, requested: 7 });
    await given(LoyaltyAccount, [enrolled])
      .when((a) => a.redeem(7))
      .thenThrows(StrataError);
  });

  it('thenState hands over the state after the command', async () => {
    let seen: unknown;
    await given(LoyaltyAccount, [enrolled], { id: 'a-1' })
      .when((a) => a.earn(10, 'signup'))
      .thenState((state) => {
        seen = state;
      });
    expect(seen).toEqual({ enrolled: true, balance: 10, history: [{ points: 10 }] });
    await given(LoyaltyAccount, [enrolled])
      .when((a) => a.earn(10, 'signup'))
      .thenState((state) => state.balance === 10);
  });

  it('uses the given id', async () => {
    await given(LoyaltyAccount, [], { id: 'a-9' })
      .when((a) => a.enrol('gold'))
      .then([Enrolled.create({ accountId: 'a-9', programId: 'gold' })]);
    await given(LoyaltyAccount, [])
      .when((a) => a.enrol('gold'))
      .then([Enrolled.create({ accountId: 'test-1', programId: 'gold' })]);
  });
});

describe('given/when/then failures', () => {
  it('lists expected and actual events by index when data differs', async () => {
    const error = await specError(
      given(LoyaltyAccount, [enrolled], { id: 'a-1' })
        .when((a) => a.earn(10, 'signup'))
        .then([PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'welcome' })]),
    );
    expect(error.message).toBe(
      [
        'The raised events differ from the expected ones (expected 1 event, got 1):',
        '  [0] ✗ expected loyalty.points.earned {"accountId":"a-1","points":10,"reason":"welcome"}',
        '        actual   loyalty.points.earned {"accountId":"a-1","points":10,"reason":"signup"}',
      ].join('\n'),
    );
    expect(error.code).toBe('SPEC_FAILED');
    expect(error.showDiff).toBe(true);
    expect(error.expected).toEqual([
      { type: 'loyalty.points.earned', data: { accountId: 'a-1', points: 10, reason: 'welcome' } },
    ]);
    expect(error.actual).toEqual([
      { type: 'loyalty.points.earned', data: { accountId: 'a-1', points: 10, reason: 'signup' } },
    ]);
  });

  it('fails when events come in another order or number', async () => {
    const earned = PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'x' });
    const redeemed = PointsRedeemed.create({ accountId: 'a-1', points: 4 });
    const error = await specError(
      given(LoyaltyAccount, [enrolled], { id: 'a-1' })
        .when((a) => {
          a.earn(10, 'x');
          a.redeem(4);
        })
        .then([redeemed, earned, earned]),
    );
    expect(error.message).toBe(
      [
        'The raised events differ from the expected ones (expected 3 events, got 2):',
        '  [0] ✗ expected loyalty.points.redeemed {"accountId":"a-1","points":4}',
        '        actual   loyalty.points.earned {"accountId":"a-1","points":10,"reason":"x"}',
        '  [1] ✗ expected loyalty.points.earned {"accountId":"a-1","points":10,"reason":"x"}',
        '        actual   loyalty.points.redeemed {"accountId":"a-1","points":4}',
        '  [2] ✗ expected loyalty.points.earned {"accountId":"a-1","points":10,"reason":"x"}',
        '        actual   (no event)',
      ].join('\n'),
    );
  });

  it('then([]) fails when the command raised something, and lists it', async () => {
    const error = await specError(
      given(LoyaltyAccount, [enrolled], { id: 'a-1' })
        .when((a) => a.earn(1, 'x'))
        .then([]),
    );
    expect(error.message).toBe(
      [
        'The raised events differ from the expected ones (expected 0 events, got 1):',
        '  [0] ✗ expected (no event)',
        '        actual   loyalty.points.earned {"accountId":"a-1","points":1,"reason":"x"}',
      ].join('\n'),
    );
  });

  it('then fails saying the command threw, when it threw', async () => {
    const error = await specError(
      given(LoyaltyAccount, [])
        .when((a) => a.earn(10, 'x'))
        .then([PointsEarned.create({ accountId: 'test-1', points: 10, reason: 'x' })]),
    );
    expect(error.message).toBe(
      [
        'Expected the command to raise 1 event, but it threw DomainError NOT_ENROLLED: enrol first',
        'expected:',
        '  [0] loyalty.points.earned {"accountId":"test-1","points":10,"reason":"x"}',
      ].join('\n'),
    );
    expect(error.cause).toBeInstanceOf(DomainError);
  });

  it('thenThrows fails saying nothing was thrown, with what was raised', async () => {
    const error = await specError(
      given(LoyaltyAccount, [enrolled], { id: 'a-1' })
        .when((a) => a.earn(2, 'y'))
        .thenThrows('NOT_ENROLLED'),
    );
    expect(error.message).toBe(
      [
        'Expected the command to throw NOT_ENROLLED, but nothing was thrown; it raised 1 event:',
        '  [0] loyalty.points.earned {"accountId":"a-1","points":2,"reason":"y"}',
      ].join('\n'),
    );
  });

  it('thenThrows fails on another code, showing both codes', async () => {
    const error = await specError(
      given(LoyaltyAccount, [enrolled])
        .when((a) => a.enrol('gold'))
        .thenThrows('NOT_ENROLLED'),
    );
    expect(error.message).toBe(
      'Expected the command to throw NOT_ENROLLED, but it threw DomainError ALREADY_ENROLLED: already enrolled',
    );
    expect(error.expected).toBe('NOT_ENROLLED');
    expect(error.actual).toBe('ALREADY_ENROLLED');
  });

  it('thenThrows fails on another class', async () => {
    const error = await specError(
      given(LoyaltyAccount, [])
        .when((a) => a.earn(1, 'x'))
        .thenThrows(UnknownEventTypeError),
    );
    expect(error.message).toBe(
      'Expected the command to throw an instance of UnknownEventTypeError, but it threw DomainError NOT_ENROLLED: enrol first',
    );
    expect(error.expected).toBe('UnknownEventTypeError');
    expect(error.actual).toBe('DomainError');
  });

  it('thenThrows by code fails on an error without a code', async () => {
    const error = await specError(
      given(LoyaltyAccount, [])
        .when(() => {
          throw new TypeError('boom');
        })
        .thenThrows('NOT_ENROLLED'),
    );
    expect(error.message).toBe('Expected the command to throw NOT_ENROLLED, but it threw TypeError: boom');
    expect(error.actual).toBe('(no code) TypeError: boom');
  });

  it('thenState fails saying the command threw', async () => {
    const error = await specError(
      given(LoyaltyAccount, [])
        .when((a) => a.redeem(1))
        .thenState(() => true),
    );
    expect(error.message).toBe(
      'Expected the command to succeed, but it threw DomainError NOT_ENROLLED: enrol first',
    );
  });

  it('thenState fails when the assertion returns false, showing the state', async () => {
    const error = await specError(
      given(LoyaltyAccount, [enrolled])
        .when((a) => a.earn(1, 'x'))
        .thenState((s) => s.balance === 2),
    );
    expect(error.message).toBe(
      'The state assertion returned false for the state {"enrolled":true,"balance":1,"history":[{"points":1}]}',
    );
  });

  it('refuses to be awaited without an assertion', async () => {
    const spec = given(LoyaltyAccount, []).when((a) => a.enrol('gold'));
    const error = await specError(
      // A thenable is awaited through then(resolve, reject): exactly what a forgotten assertion does.
      new Promise((resolve, reject) => {
        void (spec.then as unknown as (ok: unknown, fail: unknown) => unknown)(resolve, reject);
      }),
    );
    expect(error.message).toContain('A spec asserts nothing by itself');
  });

  it('lets a history event of an unknown type out as UnknownEventTypeError', async () => {
    await expect(
      given(LoyaltyAccount, [{ type: 'loyalty.nope', data: {} }])
        .when(() => undefined)
        .then([]),
    ).rejects.toThrow(UnknownEventTypeError);
  });
});
