// The program leaderboard: members ranked by lifetime points, one document per program.
// (One document holds a program's members: right for a demonstration; a program with millions
// of members would keep an indexed table through `definePostgresProjection` instead.)
import { defineEvents } from '@strata/core';
import { defineProjection, type Documents, type ReadModelTarget } from '@strata/projections';
import {
  CustomerEnrolled,
  PointsEarned,
  PointsReversed,
  TierDowngraded,
  TierUpgraded,
} from '../domain/enrollment.js';
import { ProgramCreated } from '../domain/loyalty-program.js';
import type { Tier } from '../domain/tier.js';

export type LeaderboardMember = { lifetimePoints: number; tier: Tier };

export type ProgramLeaderboard = {
  programId: string;
  name: string;
  members: Record<string, LeaderboardMember>;
  /** The position of the last event applied: the memory target may deliver a batch twice. */
  position: string;
};

/** Which program and customer an enrolment is: the points events carry only its id. */
type EnrollmentRef = { programId: string; customerId: string };

export type LeaderboardEntry = { rank: number; customerId: string; lifetimePoints: number; tier: Tier };

export const PROGRAM_LEADERBOARD = 'program-leaderboard';
const PROGRAMS = 'programs';
const ENROLLMENTS = 'enrollments';

const LeaderboardEvents = defineEvents(
  ProgramCreated,
  CustomerEnrolled,
  PointsEarned,
  PointsReversed,
  TierUpgraded,
  TierDowngraded,
);

type Context = { documents: <T>(collection: string) => Documents<T> };

/** Applies `recipe` to the member's entry on its program's board, once per event. */
async function changeMember(
  { documents }: Context,
  enrollmentId: string,
  position: bigint,
  recipe: (member: LeaderboardMember) => void,
): Promise<void> {
  const ref = await documents<EnrollmentRef>(ENROLLMENTS).get(enrollmentId);
  if (!ref) return;
  await documents<ProgramLeaderboard>(PROGRAMS).update(ref.programId, (board) => {
    const member = board.members[ref.customerId];
    if (!member || BigInt(board.position) >= position) return;
    recipe(member);
    board.position = position.toString();
  });
}

export const programLeaderboard = defineProjection({
  name: PROGRAM_LEADERBOARD,
  version: 1,
  onError: 'dead-letter',
  events: LeaderboardEvents,
  handlers: {
    'loyalty.program.created': async ({ data, position }, { documents }) => {
      const boards = documents<ProgramLeaderboard>(PROGRAMS);
      if (await boards.get(data.programId)) return;
      await boards.set(data.programId, {
        programId: data.programId,
        name: data.name,
        members: {},
        position: position.toString(),
      });
    },
    'loyalty.customer.enrolled': async ({ data, position }, { documents }) => {
      const { enrollmentId, programId, customerId } = data;
      await documents<EnrollmentRef>(ENROLLMENTS).set(enrollmentId, { programId, customerId });
      const boards = documents<ProgramLeaderboard>(PROGRAMS);
      const board = (await boards.get(programId)) ?? {
        programId,
        name: programId,
        members: {},
        position: '-1',
      };
      if (BigInt(board.position) >= position) return;
      await boards.set(programId, {
        ...board,
        members: { ...board.members, [customerId]: { lifetimePoints: 0, tier: 'basic' } },
        position: position.toString(),
      });
    },
    'loyalty.points.earned': ({ data, position }, context) =>
      changeMember(context, data.enrollmentId, position, (member) => {
        member.lifetimePoints += data.points;
      }),
    'loyalty.points.reversed': ({ data, position }, context) =>
      changeMember(context, data.enrollmentId, position, (member) => {
        member.lifetimePoints -= data.points;
      }),
    'loyalty.tier.upgraded': ({ data, position }, context) =>
      changeMember(context, data.enrollmentId, position, (member) => {
        member.tier = data.to;
      }),
    'loyalty.tier.downgraded': ({ data, position }, context) =>
      changeMember(context, data.enrollmentId, position, (member) => {
        member.tier = data.to;
      }),
  },
});

/**
 * The top `limit` members of a program by lifetime points (ties share a rank and are listed by
 * customer id); empty for an unknown program.
 */
export async function readLeaderboard(
  target: Pick<ReadModelTarget, 'documents'>,
  programId: string,
  limit = 10,
): Promise<LeaderboardEntry[]> {
  const board = await target.documents<ProgramLeaderboard>(PROGRAM_LEADERBOARD, PROGRAMS).get(programId);
  if (!board) return [];
  const sorted = Object.entries(board.members)
    .map(([customerId, member]) => ({ customerId, ...member }))
    .sort(
      (a, b) =>
        b.lifetimePoints - a.lifetimePoints ||
        (a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0),
    );
  return sorted.slice(0, limit).map((entry) => ({
    rank: 1 + sorted.filter((other) => other.lifetimePoints > entry.lifetimePoints).length,
    customerId: entry.customerId,
    lifetimePoints: entry.lifetimePoints,
    tier: entry.tier,
  }));
}
