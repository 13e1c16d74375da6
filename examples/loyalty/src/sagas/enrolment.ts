// The enrolment saga: a new member gets the program's welcome package. Started by
// `loyalty.customer.enrolled`: grant the signup bonus → issue the welcome reward → notify the
// member. When a step fails for good, the completed ones are undone in reverse: the reward goes
// back to stock, then the bonus is reversed. The enrolment itself stands.
//
// Every step acts on an aggregate through its Repository and checks it first, with the step's
// idempotency key as the id of what it writes (the earning, the redemption), so a step that runs
// again (a retry, a restart) finds its own earlier write instead of doing it twice.
import { DomainError, type Metadata, type Repository } from '@strata/core';
import { defineSaga, type StepContext } from '@strata/sagas';
import type { z } from 'zod';
import { CustomerEnrolled, type Enrollment } from '../domain/enrollment.js';
import type { LoyaltyProgram } from '../domain/loyalty-program.js';
import type { Reward } from '../domain/reward.js';
import type { Notifier } from './notifier.js';

type Enrolled = z.output<typeof CustomerEnrolled.schema>;

export const ENROLMENT_SAGA = 'enrolment'; // streams: sagaEnrolment-<enrollmentId>

export interface EnrolmentSagaDeps {
  readonly programs: Repository<LoyaltyProgram>;
  readonly enrollments: Repository<Enrollment>;
  readonly rewards: Repository<Reward>;
  readonly notifier: Notifier;
}

/** What `grant-signup-bonus` recorded: the earning's transaction id, or null when the program has no bonus. */
export type BonusGranted = { transactionId: string | null; points: number };
/** What `issue-welcome-reward` recorded: the reward and redemption, or nulls when the program has none. */
export type WelcomeRewardIssued = { rewardId: string | null; redemptionId: string | null };

/** Stamps the step's idempotency key on the events it causes, beside correlation and causation. */
function stamped(ctx: StepContext<Enrolled>): Metadata {
  return { ...ctx.metadata, idempotencyKey: ctx.idempotencyKey };
}

/** New members compete for the one welcome reward's stock: a conflict reloads and decides again. */
const CONFLICT_RETRIES = 10;
const ROLLED_BACK = 'welcome package rolled back';

export function enrolmentSaga(deps: EnrolmentSagaDeps) {
  const { programs, enrollments, rewards, notifier } = deps;

  const grantSignupBonus = async (ctx: StepContext<Enrolled>): Promise<BonusGranted> => {
    const { enrollmentId, programId, enrolledAt } = ctx.input;
    const program = await programs.load(programId);
    const points = program.state.signupBonus;
    if (points === 0) return { transactionId: null, points: 0 };
    // The key names the earning: a second run finds it instead of earning again.
    const transactionId = ctx.idempotencyKey;
    await enrollments.update(
      enrollmentId,
      (enrollment) => {
        if (enrollment.earning(transactionId)) return;
        // Earned when the member joined, so its expiry counts from the enrolment.
        enrollment.earn(program.terms, points, {
          transactionId,
          reason: 'signup bonus',
          at: new Date(enrolledAt),
        });
      },
      { retries: CONFLICT_RETRIES, metadata: stamped(ctx) },
    );
    return { transactionId, points };
  };

  const issueWelcomeReward = async (ctx: StepContext<Enrolled>): Promise<WelcomeRewardIssued> => {
    const { programId, customerId } = ctx.input;
    const program = await programs.load(programId);
    const rewardId = program.state.welcomeRewardId;
    if (rewardId === null) return { rewardId: null, redemptionId: null };
    const redemptionId = ctx.idempotencyKey;
    if (!(await rewards.find(rewardId))) {
      throw new DomainError(
        'REWARD_NOT_FOUND',
        `the welcome reward ${rewardId} of ${programId} does not exist`,
        {
          rewardId,
          programId,
        },
      );
    }
    await rewards.update(
      rewardId,
      (reward) => {
        if (reward.state.redemptions[redemptionId]) return;
        reward.issue(redemptionId, { customerId, programId }, 'welcome gift');
      },
      { retries: CONFLICT_RETRIES, metadata: stamped(ctx) },
    );
    return { rewardId, redemptionId };
  };

  const notify = async (ctx: StepContext<Enrolled>): Promise<void> => {
    const { programId, customerId } = ctx.input;
    const program = await programs.load(programId);
    const bonus = ctx.results['grant-signup-bonus'] as BonusGranted | undefined;
    const gift = ctx.results['issue-welcome-reward'] as WelcomeRewardIssued | undefined;
    const giftName = gift?.rewardId ? (await rewards.load(gift.rewardId)).state.name : undefined;
    const parts = [
      bonus && bonus.points > 0 ? `${bonus.points} bonus points` : undefined,
      giftName !== undefined ? `a ${giftName}` : undefined,
    ].filter((part) => part !== undefined);
    await notifier.notify({
      customerId,
      programId,
      subject: `Welcome to ${program.state.name}`,
      body: parts.length > 0 ? `You have ${parts.join(' and ')} waiting for you.` : 'Thanks for joining.',
      key: ctx.idempotencyKey,
      signal: ctx.signal,
    });
  };

  return defineSaga({
    name: ENROLMENT_SAGA,
    startedBy: CustomerEnrolled,
    correlate: (event) => event.data.enrollmentId,
    steps: [
      {
        name: 'grant-signup-bonus',
        run: grantSignupBonus,
        compensate: async (ctx) => {
          const { transactionId } = ctx.output;
          if (transactionId === null) return;
          await enrollments.update(
            ctx.input.enrollmentId,
            (enrollment) => {
              if (enrollment.earning(transactionId)?.reversed === false)
                enrollment.reverseEarning(transactionId, ROLLED_BACK);
            },
            { retries: CONFLICT_RETRIES, metadata: stamped(ctx) },
          );
        },
      },
      {
        name: 'issue-welcome-reward',
        run: issueWelcomeReward,
        compensate: async (ctx) => {
          const { rewardId, redemptionId } = ctx.output;
          if (rewardId === null || redemptionId === null) return;
          await rewards.update(
            rewardId,
            (reward) => {
              if (reward.state.redemptions[redemptionId]?.status === 'open')
                reward.cancelRedemption(redemptionId, ROLLED_BACK);
            },
            { retries: CONFLICT_RETRIES, metadata: stamped(ctx) },
          );
        },
      },
      { name: 'notify', run: notify },
    ],
    // Refusals (out of stock, program suspended) come back the same on a retry, so retries are
    // few and quick; conflicts are retried inside the steps by Repository.update.
    retry: { maxAttempts: 2, initialDelayMs: 5, maxDelayMs: 20 },
    timeoutMs: 5_000,
  });
}
