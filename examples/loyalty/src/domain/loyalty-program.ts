// The LoyaltyProgram aggregate: a program's terms (signup bonus, tier thresholds, earn rules,
// points expiry, welcome reward) and its life: created as a draft, activated, suspended and
// activated again, closed for good. Members earn and redeem only while it is active.
import {
  AggregateRoot,
  DomainError,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
} from '@strata/core';
import { z } from 'zod';
import { TierThresholdsSchema, type Tier, type TierThresholds } from './tier.js';

/** Percent, so multipliers stay integers: 150 earns one and a half times the base points. */
const Percent = z.number().int().min(100).max(1000);

export const EarnRulesSchema = z.object({
  /** Points per whole currency unit spent (amounts are in cents). */
  pointsPerUnit: z.number().int().positive(),
  tierMultipliers: z.object({ basic: Percent, silver: Percent, gold: Percent }),
});
export type EarnRules = z.output<typeof EarnRulesSchema>;

export const ProgramCreated = defineEvent(
  'loyalty.program.created',
  z.object({
    programId: z.string().min(1),
    name: z.string().min(1),
    signupBonus: z.number().int().nonnegative(),
    tierThresholds: TierThresholdsSchema,
    earnRules: EarnRulesSchema,
    /** Earned points expire this many days after they were earned; null: never. */
    pointsExpireAfterDays: z.number().int().positive().nullable(),
    /** The reward every new member gets one of; null: none. */
    welcomeRewardId: z.string().min(1).nullable(),
  }),
);
export const ProgramActivated = defineEvent('loyalty.program.activated', z.object({ programId: z.string() }));
export const ProgramSuspended = defineEvent(
  'loyalty.program.suspended',
  z.object({ programId: z.string(), reason: z.string() }),
);
export const ProgramClosed = defineEvent(
  'loyalty.program.closed',
  z.object({ programId: z.string(), reason: z.string() }),
);
export const ProgramEvents = defineEvents(ProgramCreated, ProgramActivated, ProgramSuspended, ProgramClosed);
export type ProgramEvent = EventOf<typeof ProgramEvents>;

export type ProgramStatus = 'new' | 'draft' | 'active' | 'suspended' | 'closed';

export type ProgramState = {
  status: ProgramStatus;
  name: string;
  signupBonus: number;
  tierThresholds: TierThresholds;
  earnRules: EarnRules;
  pointsExpireAfterDays: number | null;
  welcomeRewardId: string | null;
  /** Why it was last suspended or closed. */
  reason: string | null;
};

/** What an enrolment needs to know of its program: the Enrollment aggregate's commands take it. */
export interface ProgramTerms {
  readonly programId: string;
  readonly status: ProgramStatus;
  readonly tierThresholds: TierThresholds;
  readonly earnRules: EarnRules;
  readonly pointsExpireAfterDays: number | null;
}

/** What `create` takes; left-out terms take `DEFAULT_TERMS`. */
export interface ProgramSpec {
  readonly name: string;
  readonly signupBonus?: number;
  readonly tierThresholds?: TierThresholds;
  readonly earnRules?: EarnRules;
  readonly pointsExpireAfterDays?: number | null;
  readonly welcomeRewardId?: string | null;
}

export const DEFAULT_TERMS = {
  signupBonus: 0,
  tierThresholds: { silver: 1_000, gold: 5_000 },
  earnRules: { pointsPerUnit: 1, tierMultipliers: { basic: 100, silver: 125, gold: 150 } },
  pointsExpireAfterDays: null,
  welcomeRewardId: null,
} as const satisfies Omit<Required<ProgramSpec>, 'name'>;

/** The points a purchase of `amountCents` earns at `tier`: whole points, rounded down. */
export function purchasePoints(rules: EarnRules, amountCents: number, tier: Tier): number {
  // Integer arithmetic: cents × points per unit × percent / (100 cents × 100 percent).
  return Math.floor((amountCents * rules.pointsPerUnit * rules.tierMultipliers[tier]) / 10_000);
}

const isPositiveInt = (value: number) => Number.isInteger(value) && value > 0;

function checkSpec(programId: string, spec: ProgramSpec): Required<ProgramSpec> {
  const terms = { ...DEFAULT_TERMS, ...spec };
  const fail = (code: string, message: string, details: Record<string, unknown>) =>
    new DomainError(code, `program ${programId}: ${message}`, { programId, ...details });
  if (typeof terms.name !== 'string' || terms.name.trim() === '')
    throw fail('INVALID_PROGRAM_NAME', 'a program needs a name', { name: terms.name });
  if (!Number.isInteger(terms.signupBonus) || terms.signupBonus < 0)
    throw fail(
      'INVALID_SIGNUP_BONUS',
      `the signup bonus must be a whole number ≥ 0, got ${terms.signupBonus}`,
      {
        signupBonus: terms.signupBonus,
      },
    );
  const { silver, gold } = terms.tierThresholds;
  if (!isPositiveInt(silver) || !isPositiveInt(gold) || gold <= silver)
    throw fail(
      'INVALID_TIER_THRESHOLDS',
      `tier thresholds need 0 < silver < gold, got ${silver} and ${gold}`,
      {
        silver,
        gold,
      },
    );
  const { pointsPerUnit, tierMultipliers } = terms.earnRules;
  const { basic, silver: silverRate, gold: goldRate } = tierMultipliers;
  const percent = (value: number) => Number.isInteger(value) && value >= 100 && value <= 1000;
  if (
    !isPositiveInt(pointsPerUnit) ||
    ![basic, silverRate, goldRate].every(percent) ||
    !(basic <= silverRate && silverRate <= goldRate)
  )
    throw fail(
      'INVALID_EARN_RULES',
      'earn rules need whole points per unit > 0 and multipliers of 100–1000 % that never fall with the tier',
      { pointsPerUnit, tierMultipliers: { basic, silver: silverRate, gold: goldRate } },
    );
  const days = terms.pointsExpireAfterDays;
  if (days !== null && !isPositiveInt(days))
    throw fail('INVALID_EXPIRY', `points expire after a whole number of days > 0 (or never), got ${days}`, {
      pointsExpireAfterDays: days,
    });
  if (
    terms.welcomeRewardId !== null &&
    (typeof terms.welcomeRewardId !== 'string' || terms.welcomeRewardId === '')
  )
    throw fail('INVALID_WELCOME_REWARD', 'the welcome reward id is a non-empty string or null', {
      welcomeRewardId: terms.welcomeRewardId,
    });
  return terms;
}

export class LoyaltyProgram extends AggregateRoot<ProgramState, ProgramEvent> {
  static readonly category = 'loyaltyProgram';
  static readonly events = ProgramEvents;

  protected initialState(): ProgramState {
    return {
      status: 'new',
      name: '',
      signupBonus: 0,
      tierThresholds: { ...DEFAULT_TERMS.tierThresholds },
      earnRules: {
        pointsPerUnit: DEFAULT_TERMS.earnRules.pointsPerUnit,
        tierMultipliers: { ...DEFAULT_TERMS.earnRules.tierMultipliers },
      },
      pointsExpireAfterDays: null,
      welcomeRewardId: null,
      reason: null,
    };
  }

  protected apply(state: Draft<ProgramState>, event: ProgramEvent): void {
    switch (event.type) {
      case 'loyalty.program.created': {
        const { data } = event;
        state.status = 'draft';
        state.name = data.name;
        state.signupBonus = data.signupBonus;
        state.tierThresholds = { ...data.tierThresholds };
        state.earnRules = {
          pointsPerUnit: data.earnRules.pointsPerUnit,
          tierMultipliers: { ...data.earnRules.tierMultipliers },
        };
        state.pointsExpireAfterDays = data.pointsExpireAfterDays;
        state.welcomeRewardId = data.welcomeRewardId;
        return;
      }
      case 'loyalty.program.activated':
        state.status = 'active';
        state.reason = null;
        return;
      case 'loyalty.program.suspended':
        state.status = 'suspended';
        state.reason = event.data.reason;
        return;
      case 'loyalty.program.closed':
        state.status = 'closed';
        state.reason = event.data.reason;
        return;
    }
  }

  /** The terms an Enrollment's commands check against. */
  get terms(): ProgramTerms {
    const { status, tierThresholds, earnRules, pointsExpireAfterDays } = this.state;
    return { programId: this.id, status, tierThresholds, earnRules, pointsExpireAfterDays };
  }

  /** Creates the program as a draft: members can enrol once it is activated. */
  create(spec: ProgramSpec): void {
    if (this.state.status !== 'new') {
      throw new DomainError('PROGRAM_ALREADY_CREATED', `program ${this.id} already exists`, {
        programId: this.id,
      });
    }
    // Enrolment ids are `<programId>.<customerId>`: a dot in a program id would make them ambiguous.
    if (this.id === '' || this.id.includes('.')) {
      throw new DomainError(
        'INVALID_PROGRAM_ID',
        `a program id is non-empty and has no '.', got '${this.id}'`,
        {
          programId: this.id,
        },
      );
    }
    const terms = checkSpec(this.id, spec);
    this.raise(ProgramCreated, {
      programId: this.id,
      name: terms.name,
      signupBonus: terms.signupBonus,
      tierThresholds: { ...terms.tierThresholds },
      earnRules: {
        pointsPerUnit: terms.earnRules.pointsPerUnit,
        tierMultipliers: { ...terms.earnRules.tierMultipliers },
      },
      pointsExpireAfterDays: terms.pointsExpireAfterDays,
      welcomeRewardId: terms.welcomeRewardId,
    });
  }

  /** Opens a draft program to members, or reopens a suspended one. */
  activate(): void {
    const { status } = this.state;
    this.#mustExist('activate');
    if (status === 'active') {
      throw new DomainError('PROGRAM_ALREADY_ACTIVE', `program ${this.id} is already active`, {
        programId: this.id,
      });
    }
    this.raise(ProgramActivated, { programId: this.id });
  }

  /** Pauses an active program: no enrolments, earnings or redemptions until it is activated again. */
  suspend(reason: string): void {
    this.#mustExist('suspend');
    if (this.state.status !== 'active') {
      throw new DomainError('PROGRAM_INACTIVE', `program ${this.id} is ${this.state.status}, not active`, {
        programId: this.id,
        status: this.state.status,
      });
    }
    this.raise(ProgramSuspended, { programId: this.id, reason });
  }

  /** Ends the program for good. */
  close(reason: string): void {
    this.#mustExist('close');
    this.raise(ProgramClosed, { programId: this.id, reason });
  }

  #mustExist(action: string): void {
    const { status } = this.state;
    if (status === 'new') {
      throw new DomainError(
        'PROGRAM_NOT_FOUND',
        `cannot ${action} program ${this.id}: it was never created`,
        {
          programId: this.id,
        },
      );
    }
    if (status === 'closed') {
      throw new DomainError('PROGRAM_CLOSED', `cannot ${action} program ${this.id}: it is closed`, {
        programId: this.id,
      });
    }
  }
}
