// What the commands of an `Enrollment` take besides the program.
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
