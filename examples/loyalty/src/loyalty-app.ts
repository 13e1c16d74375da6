// Wires the loyalty platform on one event store: repositories, the enrolment saga and the read
// models, with the use cases the demo and the tests call. Each use case loads what it checks,
// changes one aggregate at a time, and says no with a `DomainError` before writing anything.
import {
  AggregateNotFoundError,
  ConcurrencyError,
  DomainError,
  MemoryCheckpointStore,
  Repository,
  randomIds,
  systemClock,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type IdGenerator,
  type Metadata,
} from '@strata/core';
import { MemoryReadModelTarget, ProjectionRunner, type ReadModelTarget } from '@strata/projections';
import { SagaOrchestrator } from '@strata/sagas';
import { Enrollment, enrollmentId } from './domain/enrollment.js';
import { LoyaltyProgram, type ProgramSpec } from './domain/loyalty-program.js';
import { Reward, type RewardSpec } from './domain/reward.js';
import { customerBalances, readBalance, readBalances } from './projections/customer-balances.js';
import { programLeaderboard, readLeaderboard } from './projections/program-leaderboard.js';
import { readRewardStock, rewardStock } from './projections/reward-stock.js';
import { enrolmentSaga } from './sagas/enrolment.js';
import { InMemoryNotifier, type Notifier } from './sagas/notifier.js';

export interface LoyaltyAppOptions {
  readonly store: EventStore;
  /** Default: an `InMemoryNotifier` (the app's `notifier`). */
  readonly notifier?: Notifier;
  /** Where the saga orchestrator and the projection runner keep their checkpoints; memory by default. */
  readonly checkpoints?: CheckpointStore;
  /** Where the read models go; memory by default. */
  readonly target?: ReadModelTarget;
  readonly onError?: (error: unknown) => void;
  /** When things happen (enrolments, earnings, expiry); the system clock by default. */
  readonly clock?: Clock;
  /** Transaction and redemption ids the caller leaves out; random UUIDs by default. */
  readonly ids?: IdGenerator;
}

/** Options every use case takes. */
export interface CommandOptions {
  /** Stamped on the events it writes (correlation, user…). */
  readonly metadata?: Metadata;
}

export interface EarnCommandOptions extends CommandOptions {
  /** Unique in the enrolment; a new id by default. A repeated one is refused (`DUPLICATE_TRANSACTION`). */
  readonly transactionId?: string;
  /** When the points were earned; the app's clock by default. */
  readonly at?: Date;
}

export interface RedeemCommandOptions extends CommandOptions {
  /** A new id by default. */
  readonly redemptionId?: string;
}

export interface Redeemed {
  readonly redemptionId: string;
  readonly points: number;
  /** The member's balance after paying. */
  readonly balance: number;
}

/** Concurrent writers of one reward's stock or one enrolment: a conflict reloads and decides again. */
const CONFLICT_RETRIES = 10;

export function createLoyaltyApp(options: LoyaltyAppOptions) {
  const { store } = options;
  const notifier = options.notifier ?? new InMemoryNotifier();
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomIds;
  const checkpoints = options.checkpoints ?? new MemoryCheckpointStore();
  const target: ReadModelTarget = options.target ?? new MemoryReadModelTarget();
  const programs = new Repository(store, LoyaltyProgram);
  const enrollments = new Repository(store, Enrollment);
  const rewards = new Repository(store, Reward);
  const orchestrator = new SagaOrchestrator({
    // Its own checkpoint name: other orchestrators (another domain's) may share the store.
    name: 'loyalty',
    store,
    checkpoints,
    sagas: [enrolmentSaga({ programs, enrollments, rewards, notifier })],
    ...(options.onError ? { onError: options.onError } : {}),
  });
  // A transactional target (PostgreSQL) keeps its own checkpoints beside the read models.
  const runner = new ProjectionRunner({
    store,
    target,
    projections: [customerBalances, programLeaderboard, rewardStock],
    ...(target.checkpoints ? {} : { checkpoints }),
  });

  const saveOptions = (command: CommandOptions) => (command.metadata ? { metadata: command.metadata } : {});
  const notEnrolled = (customerId: string, programId: string) =>
    new DomainError('NOT_ENROLLED', `${customerId} is not enrolled in ${programId}`, {
      enrollmentId: enrollmentId(programId, customerId),
      programId,
      customerId,
    });

  const programNotFound = (programId: string) =>
    new DomainError('PROGRAM_NOT_FOUND', `there is no program ${programId}`, { programId });
  const rewardNotFound = (rewardId: string) =>
    new DomainError('REWARD_NOT_FOUND', `there is no reward ${rewardId}`, { rewardId });

  async function program(programId: string): Promise<LoyaltyProgram> {
    const found = await programs.find(programId);
    if (!found) throw programNotFound(programId);
    return found;
  }

  async function reward(rewardId: string): Promise<Reward> {
    const found = await rewards.find(rewardId);
    if (!found) throw rewardNotFound(rewardId);
    return found;
  }

  /** `Repository.update` with conflict retries, where a missing stream is the caller's `DomainError`. */
  async function update<A extends LoyaltyProgram | Enrollment | Reward, R>(
    repository: Repository<A>,
    id: string,
    change: (aggregate: A) => R,
    command: CommandOptions,
    notFound: () => DomainError,
  ): Promise<{ aggregate: A; result: R }> {
    try {
      return await repository.update(id, change, { retries: CONFLICT_RETRIES, ...saveOptions(command) });
    } catch (error) {
      throw error instanceof AggregateNotFoundError ? notFound() : error;
    }
  }

  /** Load → change → save on a member's enrolment; a missing one is `NOT_ENROLLED`. */
  async function updateEnrollment<R>(
    customerId: string,
    programId: string,
    change: (enrollment: Enrollment) => R,
    command: CommandOptions,
  ): Promise<{ aggregate: Enrollment; result: R }> {
    const id = enrollmentId(programId, customerId);
    return update(enrollments, id, change, command, () => notEnrolled(customerId, programId));
  }

  /** A change to a program; a missing one is `PROGRAM_NOT_FOUND`. */
  async function changeProgram(
    programId: string,
    change: (program: LoyaltyProgram) => void,
    command: CommandOptions,
  ): Promise<LoyaltyProgram> {
    return (await update(programs, programId, change, command, () => programNotFound(programId))).aggregate;
  }

  /** A change to a reward; a missing one is `REWARD_NOT_FOUND`. */
  async function changeReward(
    rewardId: string,
    change: (reward: Reward) => void,
    command: CommandOptions,
  ): Promise<Reward> {
    return (await update(rewards, rewardId, change, command, () => rewardNotFound(rewardId))).aggregate;
  }

  return {
    store,
    programs,
    enrollments,
    rewards,
    notifier,
    orchestrator,
    runner,
    target,

    /** Creates a program as a draft (`PROGRAM_ALREADY_CREATED` if the id is taken). */
    async createProgram(
      programId: string,
      spec: ProgramSpec,
      command: CommandOptions = {},
    ): Promise<LoyaltyProgram> {
      const created = (await programs.find(programId)) ?? programs.create(programId);
      created.create(spec);
      await programs.save(created, saveOptions(command));
      return created;
    },

    /** Opens a draft program to members, or reopens a suspended one. */
    async activateProgram(programId: string, command: CommandOptions = {}): Promise<LoyaltyProgram> {
      return changeProgram(programId, (p) => p.activate(), command);
    },

    /** No enrolments, earnings or redemptions until it is activated again. */
    async suspendProgram(
      programId: string,
      reason: string,
      command: CommandOptions = {},
    ): Promise<LoyaltyProgram> {
      return changeProgram(programId, (p) => p.suspend(reason), command);
    },

    async closeProgram(
      programId: string,
      reason: string,
      command: CommandOptions = {},
    ): Promise<LoyaltyProgram> {
      return changeProgram(programId, (p) => p.close(reason), command);
    },

    /** Puts a reward in an existing program's catalogue. */
    async addReward(rewardId: string, spec: RewardSpec, command: CommandOptions = {}): Promise<Reward> {
      await program(spec.programId);
      const created = (await rewards.find(rewardId)) ?? rewards.create(rewardId);
      created.create(spec);
      await rewards.save(created, saveOptions(command));
      return created;
    },

    async restockReward(rewardId: string, quantity: number, command: CommandOptions = {}): Promise<Reward> {
      return changeReward(rewardId, (r) => r.restock(quantity), command);
    },

    /**
     * Enrols a customer in an active program. The `loyalty.customer.enrolled` event starts the
     * enrolment saga (bonus, welcome reward, notification) once the orchestrator runs.
     */
    async enrol(
      customerId: string,
      programId: string,
      command: CommandOptions & { readonly at?: Date } = {},
    ): Promise<Enrollment> {
      const terms = (await program(programId)).terms;
      const id = enrollmentId(programId, customerId);
      const at = command.at ?? clock.now();
      const enrollment = (await enrollments.find(id)) ?? enrollments.create(id);
      enrollment.enrol(customerId, terms, at);
      try {
        await enrollments.save(enrollment, saveOptions(command));
      } catch (error) {
        if (!(error instanceof ConcurrencyError)) throw error;
        // Someone enrolled them first: say so the way a sequential second call would.
        (await enrollments.load(id)).enrol(customerId, terms, at);
        throw error;
      }
      return enrollment;
    },

    /** Grants points outright (a goodwill gesture, a promotion); the tier follows. */
    async earn(
      customerId: string,
      programId: string,
      points: number,
      reason: string,
      command: EarnCommandOptions = {},
    ): Promise<Enrollment> {
      const terms = (await program(programId)).terms;
      const transactionId = command.transactionId ?? ids.next();
      const at = command.at ?? clock.now();
      const { aggregate } = await updateEnrollment(
        customerId,
        programId,
        (e) => e.earn(terms, points, { transactionId, reason, at }),
        command,
      );
      return aggregate;
    },

    /** Earns what a purchase of `amountCents` is worth by the program's earn rules at the member's tier. */
    async recordPurchase(
      customerId: string,
      programId: string,
      amountCents: number,
      command: EarnCommandOptions = {},
    ): Promise<{ enrollment: Enrollment; points: number }> {
      const terms = (await program(programId)).terms;
      const transactionId = command.transactionId ?? ids.next();
      const at = command.at ?? clock.now();
      const { aggregate, result } = await updateEnrollment(
        customerId,
        programId,
        (e) => e.earnPurchase(terms, amountCents, { transactionId, at }),
        command,
      );
      return { enrollment: aggregate, points: result };
    },

    /**
     * Redeems a reward for its cost in points. Every rule is checked before anything is written
     * (`INSUFFICIENT_POINTS`, `REWARD_OUT_OF_STOCK`, `PROGRAM_INACTIVE`…); then the unit is taken
     * from stock and the points are debited. If the debit still fails (the balance was spent in
     * between), the unit goes back to stock and the error is thrown.
     */
    async redeemReward(
      customerId: string,
      programId: string,
      rewardId: string,
      command: RedeemCommandOptions = {},
    ): Promise<Redeemed> {
      const terms = (await program(programId)).terms;
      const redemptionId = command.redemptionId ?? ids.next();
      const id = enrollmentId(programId, customerId);
      const enrollment = await enrollments.find(id);
      if (!enrollment) throw notEnrolled(customerId, programId);
      const item = await reward(rewardId);
      const points = item.state.cost;
      // Dry runs on the loaded copies: a refusal writes nothing.
      item.redeem(redemptionId, { customerId, programId });
      enrollment.redeem(terms, { redemptionId, rewardId, points });

      await changeReward(rewardId, (r) => r.redeem(redemptionId, { customerId, programId }), command);
      try {
        const { aggregate: paid } = await updateEnrollment(
          customerId,
          programId,
          (e) => e.redeem(terms, { redemptionId, rewardId, points }),
          command,
        );
        return { redemptionId, points, balance: paid.state.balance };
      } catch (error) {
        await changeReward(
          rewardId,
          (r) => r.cancelRedemption(redemptionId, 'the points could not be debited'),
          command,
        );
        throw error;
      }
    },

    /** The redeemed (or issued) unit was handed over. */
    async fulfilReward(
      rewardId: string,
      redemptionId: string,
      command: CommandOptions = {},
    ): Promise<Reward> {
      return changeReward(rewardId, (r) => r.fulfil(redemptionId), command);
    },

    /** Expires a member's points older than the program's expiry as of `asOf` (the app's clock by default). */
    async expirePoints(
      customerId: string,
      programId: string,
      command: CommandOptions & { readonly asOf?: Date } = {},
    ): Promise<number> {
      const asOf = command.asOf ?? clock.now();
      const { result } = await updateEnrollment(customerId, programId, (e) => e.expirePoints(asOf), command);
      return result;
    },

    /** The read models (as far as the runner has caught up: `runner.catchUp()` first in scripts and tests). */
    readModels: {
      balance: (customerId: string, programId: string) =>
        readBalance(target, enrollmentId(programId, customerId)),
      balances: (programId?: string) => readBalances(target, programId),
      leaderboard: (programId: string, limit?: number) => readLeaderboard(target, programId, limit),
      rewardStock: (programId?: string) => readRewardStock(target, programId),
    },
  };
}

export type LoyaltyApp = ReturnType<typeof createLoyaltyApp>;
