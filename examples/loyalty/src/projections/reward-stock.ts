// Reward stock: one document per reward with its cost, what is on the shelf and what went out.
import { defineProjection, type Documents, type ReadModelTarget } from '@strata/projections';
import { RewardEvents } from '../domain/reward.js';

export type RewardStock = {
  rewardId: string;
  programId: string;
  name: string;
  cost: number;
  /** Units on the shelf. */
  stock: number;
  /** Units taken for points or given, and not cancelled. */
  claimed: number;
  fulfilled: number;
  cancelled: number;
  /** The position of the last event applied: the memory target may deliver a batch twice. */
  position: string;
};

export const REWARD_STOCK = 'reward-stock';
const COLLECTION = 'rewards';

function change(
  rewards: Documents<RewardStock>,
  rewardId: string,
  position: bigint,
  recipe: (doc: RewardStock) => void,
): Promise<void> {
  return rewards.update(rewardId, (doc) => {
    if (BigInt(doc.position) >= position) return;
    recipe(doc);
    doc.position = position.toString();
  });
}

export const rewardStock = defineProjection({
  name: REWARD_STOCK,
  version: 1,
  onError: 'dead-letter',
  events: RewardEvents,
  handlers: {
    'reward.created': async ({ data, position }, { documents }) => {
      const rewards = documents<RewardStock>(COLLECTION);
      if (await rewards.get(data.rewardId)) return;
      await rewards.set(data.rewardId, {
        rewardId: data.rewardId,
        programId: data.programId,
        name: data.name,
        cost: data.cost,
        stock: data.stock,
        claimed: 0,
        fulfilled: 0,
        cancelled: 0,
        position: position.toString(),
      });
    },
    'reward.restocked': ({ data, position }, { documents }) =>
      change(documents(COLLECTION), data.rewardId, position, (doc) => {
        doc.stock += data.quantity;
      }),
    'reward.redeemed': ({ data, position }, { documents }) =>
      change(documents(COLLECTION), data.rewardId, position, (doc) => {
        doc.stock -= 1;
        doc.claimed += 1;
      }),
    'reward.issued': ({ data, position }, { documents }) =>
      change(documents(COLLECTION), data.rewardId, position, (doc) => {
        doc.stock -= 1;
        doc.claimed += 1;
      }),
    'reward.redemption.cancelled': ({ data, position }, { documents }) =>
      change(documents(COLLECTION), data.rewardId, position, (doc) => {
        doc.stock += 1;
        doc.claimed -= 1;
        doc.cancelled += 1;
      }),
    'reward.fulfilled': ({ data, position }, { documents }) =>
      change(documents(COLLECTION), data.rewardId, position, (doc) => {
        doc.fulfilled += 1;
      }),
  },
});

/** Every reward (of one program when `programId` is given), by program then reward id. */
export async function readRewardStock(
  target: Pick<ReadModelTarget, 'documents'>,
  programId?: string,
): Promise<RewardStock[]> {
  const docs = await target
    .documents<RewardStock>(REWARD_STOCK, COLLECTION)
    .find((doc) => programId === undefined || doc.programId === programId);
  return docs.sort((a, b) =>
    a.programId === b.programId ? (a.rewardId < b.rewardId ? -1 : 1) : a.programId < b.programId ? -1 : 1,
  );
}
