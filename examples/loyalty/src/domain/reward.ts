// The Reward aggregate: one entry of a program's catalogue, with its cost in points and its
// stock. A unit leaves the stock when a member redeems it for points or is given it (the welcome
// gift), comes back when that redemption is cancelled, and is fulfilled once handed over.
import {
  AggregateRoot,
  DomainError,
  defineEvent,
  defineEvents,
  type Draft,
  type EventOf,
} from '@strata/core';
import { z } from 'zod';

export const RewardCreated = defineEvent(
  'reward.created',
  z.object({
    rewardId: z.string(),
    programId: z.string(),
    name: z.string().min(1),
    cost: z.number().int().positive(),
    stock: z.number().int().nonnegative(),
  }),
);
export const RewardRestocked = defineEvent(
  'reward.restocked',
  z.object({ rewardId: z.string(), quantity: z.number().int().positive() }),
);
/** A unit taken for points: the member's `loyalty.points.redeemed` pays for it. */
export const RewardRedeemed = defineEvent(
  'reward.redeemed',
  z.object({
    rewardId: z.string(),
    redemptionId: z.string().min(1),
    customerId: z.string(),
    points: z.number().int().positive(),
  }),
);
/** A unit given free of points (the welcome gift). */
export const RewardIssued = defineEvent(
  'reward.issued',
  z.object({
    rewardId: z.string(),
    redemptionId: z.string().min(1),
    customerId: z.string(),
    reason: z.string(),
  }),
);
/** A redeemed or issued unit back in stock. */
export const RewardRedemptionCancelled = defineEvent(
  'reward.redemption.cancelled',
  z.object({ rewardId: z.string(), redemptionId: z.string(), customerId: z.string(), reason: z.string() }),
);
export const RewardFulfilled = defineEvent(
  'reward.fulfilled',
  z.object({ rewardId: z.string(), redemptionId: z.string(), customerId: z.string() }),
);
export const RewardEvents = defineEvents(
  RewardCreated,
  RewardRestocked,
  RewardRedeemed,
  RewardIssued,
  RewardRedemptionCancelled,
  RewardFulfilled,
);
export type RewardEvent = EventOf<typeof RewardEvents>;

export type RewardRedemption = {
  customerId: string;
  kind: 'redeemed' | 'issued';
  /** 0 for an issued unit. */
  points: number;
  status: 'open' | 'fulfilled' | 'cancelled';
};

export type RewardState = {
  created: boolean;
  programId: string;
  name: string;
  cost: number;
  /** Units on the shelf. */
  stock: number;
  /** Units ever put on the shelf: created with, plus restocks. */
  supplied: number;
  redemptions: Record<string, RewardRedemption>;
};

export interface RewardSpec {
  readonly programId: string;
  readonly name: string;
  /** Points a member pays for one. */
  readonly cost: number;
  readonly stock: number;
}

/** Who takes a unit, and in which program. */
export interface Claimant {
  readonly customerId: string;
  readonly programId: string;
}

export class Reward extends AggregateRoot<RewardState, RewardEvent> {
  static readonly category = 'reward';
  static readonly events = RewardEvents;

  protected initialState(): RewardState {
    return { created: false, programId: '', name: '', cost: 0, stock: 0, supplied: 0, redemptions: {} };
  }

  protected apply(state: Draft<RewardState>, event: RewardEvent): void {
    switch (event.type) {
      case 'reward.created':
        state.created = true;
        state.programId = event.data.programId;
        state.name = event.data.name;
        state.cost = event.data.cost;
        state.stock = event.data.stock;
        state.supplied = event.data.stock;
        return;
      case 'reward.restocked':
        state.stock += event.data.quantity;
        state.supplied += event.data.quantity;
        return;
      case 'reward.redeemed':
        state.stock -= 1;
        state.redemptions[event.data.redemptionId] = {
          customerId: event.data.customerId,
          kind: 'redeemed',
          points: event.data.points,
          status: 'open',
        };
        return;
      case 'reward.issued':
        state.stock -= 1;
        state.redemptions[event.data.redemptionId] = {
          customerId: event.data.customerId,
          kind: 'issued',
          points: 0,
          status: 'open',
        };
        return;
      case 'reward.redemption.cancelled': {
        state.stock += 1;
        const redemption = state.redemptions[event.data.redemptionId];
        if (redemption) redemption.status = 'cancelled';
        return;
      }
      case 'reward.fulfilled': {
        const redemption = state.redemptions[event.data.redemptionId];
        if (redemption) redemption.status = 'fulfilled';
        return;
      }
    }
  }

  /** Puts the reward in its program's catalogue. */
  create(spec: RewardSpec): void {
    if (this.state.created) {
      throw new DomainError('REWARD_ALREADY_CREATED', `reward ${this.id} already exists`, {
        rewardId: this.id,
      });
    }
    const { programId, name, cost, stock } = spec;
    if (typeof name !== 'string' || name.trim() === '') {
      throw new DomainError('INVALID_REWARD_NAME', `reward ${this.id} needs a name`, {
        rewardId: this.id,
        name,
      });
    }
    if (!Number.isInteger(cost) || cost <= 0) {
      throw new DomainError(
        'INVALID_COST',
        `reward ${this.id}: the cost is a whole number of points > 0, got ${cost}`,
        {
          rewardId: this.id,
          cost,
        },
      );
    }
    if (!Number.isInteger(stock) || stock < 0) {
      throw new DomainError(
        'INVALID_QUANTITY',
        `reward ${this.id}: the stock is a whole number ≥ 0, got ${stock}`,
        {
          rewardId: this.id,
          quantity: stock,
        },
      );
    }
    this.raise(RewardCreated, { rewardId: this.id, programId, name, cost, stock });
  }

  restock(quantity: number): void {
    this.#mustExist();
    if (!Number.isInteger(quantity) || quantity <= 0) {
      throw new DomainError(
        'INVALID_QUANTITY',
        `reward ${this.id}: restock a whole number > 0, got ${quantity}`,
        {
          rewardId: this.id,
          quantity,
        },
      );
    }
    this.raise(RewardRestocked, { rewardId: this.id, quantity });
  }

  /** Takes a unit for its cost in points (the caller debits the member). */
  redeem(redemptionId: string, claimant: Claimant): void {
    this.#mustBeAvailableTo(redemptionId, claimant);
    this.raise(RewardRedeemed, {
      rewardId: this.id,
      redemptionId,
      customerId: claimant.customerId,
      points: this.state.cost,
    });
  }

  /** Gives a unit free of points. */
  issue(redemptionId: string, claimant: Claimant, reason: string): void {
    this.#mustBeAvailableTo(redemptionId, claimant);
    this.raise(RewardIssued, { rewardId: this.id, redemptionId, customerId: claimant.customerId, reason });
  }

  /** Puts a redeemed or issued unit back in stock (before it was fulfilled). */
  cancelRedemption(redemptionId: string, reason: string): void {
    const redemption = this.#open(redemptionId, 'cancel');
    this.raise(RewardRedemptionCancelled, {
      rewardId: this.id,
      redemptionId,
      customerId: redemption.customerId,
      reason,
    });
  }

  /** The unit was handed over. */
  fulfil(redemptionId: string): void {
    const redemption = this.#open(redemptionId, 'fulfil');
    this.raise(RewardFulfilled, { rewardId: this.id, redemptionId, customerId: redemption.customerId });
  }

  #mustExist(): void {
    if (!this.state.created) {
      throw new DomainError('REWARD_NOT_FOUND', `reward ${this.id} is not in any catalogue`, {
        rewardId: this.id,
      });
    }
  }

  #mustBeAvailableTo(redemptionId: string, claimant: Claimant): void {
    this.#mustExist();
    if (claimant.programId !== this.state.programId) {
      throw new DomainError(
        'REWARD_NOT_IN_PROGRAM',
        `reward ${this.id} belongs to ${this.state.programId}, not ${claimant.programId}`,
        { rewardId: this.id, programId: this.state.programId, given: claimant.programId },
      );
    }
    if (typeof redemptionId !== 'string' || redemptionId === '') {
      throw new DomainError('INVALID_REDEMPTION_ID', 'a redemption needs a non-empty id', {
        rewardId: this.id,
        redemptionId,
      });
    }
    if (this.state.redemptions[redemptionId]) {
      throw new DomainError(
        'DUPLICATE_REDEMPTION',
        `redemption ${redemptionId} of reward ${this.id} was already made`,
        {
          rewardId: this.id,
          redemptionId,
        },
      );
    }
    if (this.state.stock < 1) {
      throw new DomainError('REWARD_OUT_OF_STOCK', `reward ${this.id} (${this.state.name}) is out of stock`, {
        rewardId: this.id,
        stock: this.state.stock,
      });
    }
  }

  #open(redemptionId: string, action: string): RewardRedemption {
    this.#mustExist();
    const redemption = this.state.redemptions[redemptionId];
    if (!redemption) {
      throw new DomainError('REDEMPTION_NOT_FOUND', `reward ${this.id} has no redemption ${redemptionId}`, {
        rewardId: this.id,
        redemptionId,
      });
    }
    if (redemption.status !== 'open') {
      const code =
        redemption.status === 'fulfilled' ? 'REDEMPTION_ALREADY_FULFILLED' : 'REDEMPTION_CANCELLED';
      throw new DomainError(code, `cannot ${action} redemption ${redemptionId}: it is ${redemption.status}`, {
        rewardId: this.id,
        redemptionId,
        status: redemption.status,
      });
    }
    return redemption;
  }
}
