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
  type LotAmount,
} from './enrollment-events.js';
import { purchasePoints, type ProgramTerms } from './loyalty-program.js';
import { tierFor, tierRank, type Tier, type TierThresholds } from './tier.js';

export * from './enrollment-events.js';

/** The points of one earning. */
export type Lot = {
  transactionId: string;
  reason: string;
  earnedAt: string;
  points: number;
  /** Not yet spent, expired or reversed. */
  remaining: number;
  expired: number;
  reversed: boolean;
};
export type Redemption = { rewardId: string; points: number; debits: LotAmount[]; refunded: boolean };

export type EnrollmentState = {
  enrolled: boolean;
  programId: string;
  customerId: string;
  enrolledAt: string;
  tierThresholds: TierThresholds;
  pointsExpireAfterDays: number | null;
  tier: Tier;
  balance: number;
  /** Every point ever earned, reversed earnings included. */
  earned: number;
  /** Net of refunds. */
  redeemed: number;
  expired: number;
  /** What reversals took from the balance. */
  reversed: number;
  /** Earned less the reversed earnings: what the tier is decided by. */
  lifetimePoints: number;
  /** In the order earned. */
  lots: Lot[];
  redemptions: Record<string, Redemption>;
};

const DAY_MS = 86_400_000;

/** The id of a customer's enrolment in a program: `<programId>.<customerId>`. */
export function enrollmentId(programId: string, customerId: string): string {
  if (programId === '' || programId.includes('.')) {
    const message = `a program id is non-empty and has no '.', got '${programId}'`;
    throw new DomainError('INVALID_PROGRAM_ID', message, { programId });
  }
  if (customerId === '')
    throw new DomainError('INVALID_CUSTOMER_ID', 'a customer id is non-empty', { programId, customerId });
  return `${programId}.${customerId}`;
}

function instant(at: Date, field: string): string {
  if (!(at instanceof Date) || Number.isNaN(at.getTime()))
    throw new DomainError('INVALID_DATE', `${field} must be a valid date`, { field, value: String(at) });
  return at.toISOString();
}

function positivePoints(points: number, enrollment: string): void {
  if (!Number.isInteger(points) || points <= 0)
    throw new DomainError('INVALID_POINTS', `points must be a whole number > 0, got ${points}`, {
      enrollmentId: enrollment,
      points,
    });
}

/** Takes `points` from the lots with points left, `first` (a transaction id) first, then oldest first. */
function debitsFor(lots: readonly Lot[], points: number, first?: string): LotAmount[] {
  const order = lots
    .map((lot, index) => ({ lot, index }))
    .filter(({ lot }) => lot.remaining > 0)
    .sort(
      (a, b) =>
        Number(b.lot.transactionId === first) - Number(a.lot.transactionId === first) ||
        Date.parse(a.lot.earnedAt) - Date.parse(b.lot.earnedAt) ||
        a.index - b.index,
    );
  const debits: LotAmount[] = [];
  let left = points;
  for (const { lot } of order) {
    if (left === 0) break;
    const take = Math.min(left, lot.remaining);
    debits.push({ transactionId: lot.transactionId, points: take });
    left -= take;
  }
  return debits;
}

export interface EarnOptions {
  /** Unique in the enrolment; a repeated one is refused (`DUPLICATE_TRANSACTION`). */
  readonly transactionId: string;
  readonly reason: string;
  /** When the points were earned: their expiry counts from it. */
  readonly at: Date;
}

export interface RedeemOptions {
  readonly redemptionId: string;
  readonly rewardId: string;
  readonly points: number;
}

export class Enrollment extends AggregateRoot<EnrollmentState, EnrollmentEvent> {
  static readonly category = 'enrollment';
  static readonly events = EnrollmentEvents;

  protected initialState(): EnrollmentState {
    return {
      enrolled: false,
      programId: '',
      customerId: '',
      enrolledAt: '',
      tierThresholds: { silver: 0, gold: 0 },
      pointsExpireAfterDays: null,
      tier: 'basic',
      balance: 0,
      earned: 0,
      redeemed: 0,
      expired: 0,
      reversed: 0,
      lifetimePoints: 0,
      lots: [],
      redemptions: {},
    };
  }

  protected apply(state: Draft<EnrollmentState>, event: EnrollmentEvent): void {
    const lot = (transactionId: string) => state.lots.find((l) => l.transactionId === transactionId);
    const take = (debits: readonly LotAmount[], expired = false) => {
      for (const debit of debits) {
        const from = lot(debit.transactionId);
        if (!from) continue;
        from.remaining -= debit.points;
        if (expired) from.expired += debit.points;
        state.balance -= debit.points;
      }
    };
    switch (event.type) {
      case 'loyalty.customer.enrolled':
        state.enrolled = true;
        state.programId = event.data.programId;
        state.customerId = event.data.customerId;
        state.enrolledAt = event.data.enrolledAt;
        state.tierThresholds = { ...event.data.tierThresholds };
        state.pointsExpireAfterDays = event.data.pointsExpireAfterDays;
        return;
      case 'loyalty.points.earned': {
        const { transactionId, reason, earnedAt, points } = event.data;
        state.lots.push({
          transactionId,
          reason,
          earnedAt,
          points,
          remaining: points,
          expired: 0,
          reversed: false,
        });
        state.balance += points;
        state.earned += points;
        state.lifetimePoints += points;
        return;
      }
      case 'loyalty.points.redeemed':
        take(event.data.debits);
        state.redeemed += event.data.points;
        state.redemptions[event.data.redemptionId] = {
          rewardId: event.data.rewardId,
          points: event.data.points,
          debits: event.data.debits.map((debit) => ({ ...debit })),
          refunded: false,
        };
        return;
      case 'loyalty.points.refunded': {
        for (const credit of event.data.credits) {
          const to = lot(credit.transactionId);
          if (to) to.remaining += credit.points;
          state.balance += credit.points;
        }
        state.redeemed -= event.data.points;
        const redemption = state.redemptions[event.data.redemptionId];
        if (redemption) redemption.refunded = true;
        return;
      }
      case 'loyalty.points.reversed': {
        take(event.data.debits);
        state.reversed += event.data.debits.reduce((sum, debit) => sum + debit.points, 0);
        state.lifetimePoints -= event.data.points;
        const reversed = lot(event.data.transactionId);
        if (reversed) reversed.reversed = true;
        return;
      }
      case 'loyalty.points.expired':
        take(event.data.debits, true);
        state.expired += event.data.points;
        return;
      case 'loyalty.tier.upgraded':
      case 'loyalty.tier.downgraded':
        state.tier = event.data.to;
        return;
    }
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
    this.#mustBeActive(program);
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
    this.#mustBeEnrolledIn(program);
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
    this.#mustBeEnrolledIn(program);
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
    this.#mustBeEnrolledIn(program);
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
    this.#mustHave(points);
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
    this.#mustBeEnrolled();
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
    this.#mustBeEnrolled();
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
    this.#mustHave(owed);
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
    this.#mustBeEnrolled();
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

  #mustHave(points: number): void {
    if (points > this.state.balance) {
      throw new DomainError(
        'INSUFFICIENT_POINTS',
        `${this.state.customerId} has ${this.state.balance} points in ${this.state.programId}, ${points} needed`,
        { enrollmentId: this.id, balance: this.state.balance, requested: points },
      );
    }
  }

  #mustBeEnrolled(): void {
    if (!this.state.enrolled) {
      throw new DomainError('NOT_ENROLLED', `enrolment ${this.id} does not exist: enrol first`, {
        enrollmentId: this.id,
      });
    }
  }

  #mustBeEnrolledIn(program: ProgramTerms): void {
    this.#mustBeEnrolled();
    if (program.programId !== this.state.programId) {
      throw new DomainError(
        'PROGRAM_MISMATCH',
        `enrolment ${this.id} belongs to ${this.state.programId}, not ${program.programId}`,
        {
          enrollmentId: this.id,
          programId: this.state.programId,
          given: program.programId,
        },
      );
    }
    this.#mustBeActive(program);
  }

  #mustBeActive(program: ProgramTerms): void {
    if (program.status !== 'active') {
      throw new DomainError(
        'PROGRAM_INACTIVE',
        `program ${program.programId} is ${program.status}, not active`,
        {
          programId: program.programId,
          status: program.status,
        },
      );
    }
  }
}
