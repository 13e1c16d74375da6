// The Enrollment aggregate: one customer's membership of one program, with its points.
//
// Its id is `<programId>.<customerId>` (see `enrollmentId`), so its stream is
// `enrollment-<programId>.<customerId>`, and enrolling twice meets the same stream.
//
// Points are kept in lots, one per earning. Spending (a redemption), expiry and a reversal take
// points from lots, oldest first, and each event records which lots it took from (`debits`), so
// a replay never has to re-decide. The running totals always satisfy
//   balance = earned − redeemed − expired − reversed  (and balance = Σ lot.remaining ≥ 0).
// The tier follows lifetime points (earned less the earnings that were reversed) against the
// thresholds the program had when the customer enrolled.
import { AggregateRoot, DomainError, type Draft } from '@strata/core';
import {
  CustomerEnrolled,
  EnrollmentEvents,
  PointsEarned,
  PointsExpired,
  PointsRedeemed,
  PointsRefunded,
  PointsReversed,
  TierDowngraded,
  TierUpgraded,
  type EnrollmentEvent,
} from './enrollment-events.js';
import {
  instant,
  mustBeActive,
  mustBeEnrolled,
  mustBeEnrolledIn,
  mustHave,
  positivePoints,
} from './enrollment-guards.js';
import { enrollmentId } from './enrollment-id.js';
import type { EarnOptions, RedeemOptions } from './enrollment-options.js';
import {
  applyEnrollmentEvent,
  initialEnrollmentState,
  type EnrollmentState,
  type Lot,
} from './enrollment-state.js';
import { debitsFor } from './lot-debits.js';
import { purchasePoints, type ProgramTerms } from './loyalty-program.js';
import { tierFor, tierRank } from './tier.js';

export * from './enrollment-events.js';
export { enrollmentId } from './enrollment-id.js';
export type { EarnOptions, RedeemOptions } from './enrollment-options.js';
export type { EnrollmentState, Lot, Redemption } from './enrollment-state.js';

const DAY_MS = 86_400_000;

export class Enrollment extends AggregateRoot<EnrollmentState, EnrollmentEvent> {
  static readonly category = 'enrollment';
  static readonly events = EnrollmentEvents;

  protected initialState(): EnrollmentState {
    return initialEnrollmentState();
  }

  protected apply(state: Draft<EnrollmentState>, event: EnrollmentEvent): void {
    applyEnrollmentEvent(state, event);
  }

  /** Enrols `customerId` in an active program; the aggregate's id must be `enrollmentId(program, customer)`. */
  enrol(customerId: string, program: ProgramTerms, at: Date): void {
    if (this.state.enrolled) {
      throw new DomainError(
        'ALREADY_ENROLLED',
        `${this.state.customerId} is already enrolled in ${this.state.programId}`,
        {
          enrollmentId: this.id,
          programId: this.state.programId,
          customerId: this.state.customerId,
        },
      );
    }
    const expected = enrollmentId(program.programId, customerId);
    if (this.id !== expected) {
      throw new DomainError('ENROLLMENT_ID_MISMATCH', `enrolment ${this.id} should be ${expected}`, {
        enrollmentId: this.id,
        expected,
      });
    }
    mustBeActive(program);
    this.raise(CustomerEnrolled, {
      enrollmentId: this.id,
      programId: program.programId,
      customerId,
      enrolledAt: instant(at, 'at'),
      tierThresholds: { ...program.tierThresholds },
      pointsExpireAfterDays: program.pointsExpireAfterDays,
    });
  }

  /** Earns `points` (a bonus, a goodwill gesture); the tier follows. */
  earn(program: ProgramTerms, points: number, options: EarnOptions): void {
    mustBeEnrolledIn(this, program);
    positivePoints(points, this.id);
    this.#record(points, options);
  }

  /**
   * Earns the points a purchase of `amountCents` is worth by the program's earn rules at the
   * member's tier. Returns them; a purchase too small to earn a whole point records nothing.
   */
  earnPurchase(
    program: ProgramTerms,
    amountCents: number,
    options: Omit<EarnOptions, 'reason'> & { readonly reason?: string },
  ): number {
    mustBeEnrolledIn(this, program);
    if (!Number.isInteger(amountCents) || amountCents <= 0) {
      throw new DomainError(
        'INVALID_AMOUNT',
        `a purchase amount is a whole number of cents > 0, got ${amountCents}`,
        {
          enrollmentId: this.id,
          amountCents,
        },
      );
    }
    const points = purchasePoints(program.earnRules, amountCents, this.state.tier);
    if (points > 0) this.#record(points, { ...options, reason: options.reason ?? 'purchase' });
    return points;
  }

  /** Spends points on a reward. */
  redeem(program: ProgramTerms, options: RedeemOptions): void {
    mustBeEnrolledIn(this, program);
    const { redemptionId, rewardId, points } = options;
    positivePoints(points, this.id);
    if (typeof redemptionId !== 'string' || redemptionId === '') {
      throw new DomainError('INVALID_REDEMPTION_ID', 'a redemption needs a non-empty id', {
        enrollmentId: this.id,
        redemptionId,
      });
    }
    if (this.state.redemptions[redemptionId]) {
      throw new DomainError('DUPLICATE_REDEMPTION', `redemption ${redemptionId} was already made`, {
        enrollmentId: this.id,
        redemptionId,
      });
    }
    mustHave(this, points);
    this.raise(PointsRedeemed, {
      enrollmentId: this.id,
      redemptionId,
      rewardId,
      points,
      debits: debitsFor(this.state.lots, points),
    });
  }

  /** Gives a redemption's points back to the lots they came from. Works whatever the program's status. */
  refundRedemption(redemptionId: string, reason: string): void {
    mustBeEnrolled(this);
    const redemption = this.state.redemptions[redemptionId];
    if (!redemption) {
      throw new DomainError(
        'REDEMPTION_NOT_FOUND',
        `enrolment ${this.id} has no redemption ${redemptionId}`,
        {
          enrollmentId: this.id,
          redemptionId,
        },
      );
    }
    if (redemption.refunded) {
      throw new DomainError(
        'REDEMPTION_ALREADY_REFUNDED',
        `redemption ${redemptionId} was already refunded`,
        {
          enrollmentId: this.id,
          redemptionId,
        },
      );
    }
    this.raise(PointsRefunded, {
      enrollmentId: this.id,
      redemptionId,
      points: redemption.points,
      reason,
      credits: redemption.debits.map((debit) => ({ ...debit })),
    });
  }

  /**
   * Takes an earning back (a compensation): lifetime points lose it all, the balance loses what
   * of it has not expired, and the tier follows. Works whatever the program's status.
   */
  reverseEarning(transactionId: string, reason: string): void {
    mustBeEnrolled(this);
    const lot = this.state.lots.find((l) => l.transactionId === transactionId);
    if (!lot) {
      throw new DomainError('EARNING_NOT_FOUND', `enrolment ${this.id} has no earning ${transactionId}`, {
        enrollmentId: this.id,
        transactionId,
      });
    }
    if (lot.reversed) {
      throw new DomainError('EARNING_ALREADY_REVERSED', `earning ${transactionId} was already reversed`, {
        enrollmentId: this.id,
        transactionId,
      });
    }
    const owed = lot.points - lot.expired;
    mustHave(this, owed);
    this.raise(PointsReversed, {
      enrollmentId: this.id,
      transactionId,
      points: lot.points,
      reason,
      debits: debitsFor(this.state.lots, owed, transactionId),
    });
    this.#settleTier();
  }

  /**
   * Expires what is left of every lot earned at least `pointsExpireAfterDays` days before
   * `asOf` (the caller's clock, never the aggregate's). Returns the points expired.
   */
  expirePoints(asOf: Date): number {
    mustBeEnrolled(this);
    const iso = instant(asOf, 'asOf');
    const days = this.state.pointsExpireAfterDays;
    if (days === null) return 0;
    const cutoff = asOf.getTime() - days * DAY_MS;
    const debits = this.state.lots
      .filter((lot) => lot.remaining > 0 && Date.parse(lot.earnedAt) <= cutoff)
      .map((lot) => ({ transactionId: lot.transactionId, points: lot.remaining }));
    const points = debits.reduce((sum, debit) => sum + debit.points, 0);
    if (points > 0) this.raise(PointsExpired, { enrollmentId: this.id, asOf: iso, points, debits });
    return points;
  }

  /** The earning `transactionId`, if the enrolment has it. */
  earning(transactionId: string): Lot | undefined {
    return this.state.lots.find((lot) => lot.transactionId === transactionId);
  }

  #record(points: number, options: EarnOptions): void {
    const { transactionId, reason, at } = options;
    if (typeof transactionId !== 'string' || transactionId === '') {
      throw new DomainError('INVALID_TRANSACTION_ID', 'an earning needs a non-empty transaction id', {
        enrollmentId: this.id,
        transactionId,
      });
    }
    if (this.earning(transactionId)) {
      throw new DomainError('DUPLICATE_TRANSACTION', `transaction ${transactionId} was already recorded`, {
        enrollmentId: this.id,
        transactionId,
      });
    }
    this.raise(PointsEarned, {
      enrollmentId: this.id,
      transactionId,
      points,
      earnedAt: instant(at, 'at'),
      reason,
    });
    this.#settleTier();
  }

  /** Raises the tier change that lifetime points call for, if any. */
  #settleTier(): void {
    const { tier, lifetimePoints, tierThresholds } = this.state;
    const next = tierFor(lifetimePoints, tierThresholds);
    if (next === tier) return;
    const change = { enrollmentId: this.id, from: tier, to: next, lifetimePoints };
    if (tierRank(next) > tierRank(tier)) this.raise(TierUpgraded, change);
    else this.raise(TierDowngraded, change);
  }
}
