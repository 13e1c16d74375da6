import { checkAggregate } from '@strata/testing';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { ID, day, terms } from './enrollment-fixtures.js';
import { Enrollment } from './enrollment.js';
import type { ProgramTerms } from './loyalty-program.js';
import { tierFor } from './tier.js';

describe('Enrollment', () => {
  it('keeps its invariants under any command sequence', async () => {
    // Longer sequences than fast-check's default size: most commands need an enrolment and a
    // few earnings before them, so short sequences would mostly test the refusals.
    const base = fc.readConfigureGlobal();
    fc.configureGlobal({ ...base, baseSize: 'medium' });
    onTestFinished(() => fc.configureGlobal(base));
    const tx = fc.constantFrom('t-1', 't-2', 't-3', 't-4');
    const redemption = fc.constantFrom('r-1', 'r-2', 'r-3');
    const onDay = fc.integer({ min: 0, max: 800 });
    const program = fc.constantFrom<ProgramTerms>(terms, terms, terms, { ...terms, status: 'suspended' });
    const result = await checkAggregate(Enrollment, {
      id: ID,
      commands: {
        enrol: { args: fc.tuple(program), run: (e, [p]) => e.enrol('alice', p, day(0)) },
        earn: {
          args: fc.tuple(program, fc.integer({ min: 0, max: 900 }), tx, onDay),
          run: (e, [p, points, transactionId, at]) =>
            e.earn(p, points, { transactionId, reason: 'x', at: day(at) }),
        },
        purchase: {
          args: fc.tuple(program, fc.integer({ min: 1, max: 90_000 }), tx, onDay),
          run: (e, [p, cents, transactionId, at]) => e.earnPurchase(p, cents, { transactionId, at: day(at) }),
        },
        redeem: {
          args: fc.tuple(program, fc.integer({ min: 1, max: 900 }), redemption),
          run: (e, [p, points, redemptionId]) => e.redeem(p, { redemptionId, rewardId: 'mug', points }),
        },
        refund: { args: fc.tuple(redemption), run: (e, [id]) => e.refundRedemption(id, 'x') },
        reverse: { args: fc.tuple(tx), run: (e, [id]) => e.reverseEarning(id, 'x') },
        expire: { args: fc.tuple(onDay), run: (e, [at]) => e.expirePoints(day(at)) },
      },
      invariants: {
        'balance never negative': (s) => s.balance >= 0,
        'balance = earned − redeemed − expired − reversed': (s) =>
          s.balance === s.earned - s.redeemed - s.expired - s.reversed,
        'balance is what the lots have left': (s) =>
          s.balance === s.lots.reduce((sum, l) => sum + l.remaining, 0),
        'a lot has 0 to its points left': (s) =>
          s.lots.every((l) => l.remaining >= 0 && l.remaining <= l.points),
        'lifetime points are the earnings not reversed': (s) =>
          s.lifetimePoints === s.lots.filter((l) => !l.reversed).reduce((sum, l) => sum + l.points, 0),
        'redeemed ≤ lifetime points ≤ earned': (s) =>
          s.redeemed >= 0 && s.redeemed <= s.lifetimePoints && s.lifetimePoints <= s.earned,
        'the tier is the one lifetime points reach': (s) =>
          !s.enrolled || s.tier === tierFor(s.lifetimePoints, s.tierThresholds),
      },
      numRuns: 150,
      maxCommands: 40,
      seed: 20261126,
    });
    for (const name of ['enrol', 'earn', 'purchase', 'redeem', 'refund', 'reverse', 'expire'] as const) {
      const stats = result.commands[name];
      expect(stats && stats.runs - stats.rejected, name).toBeGreaterThan(0);
      expect(stats?.rejected, name).toBeGreaterThan(0);
    }
  });
});
