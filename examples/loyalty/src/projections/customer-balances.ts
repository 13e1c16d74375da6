// Customer balances: one document per enrolment with its points, running totals and tier.
import { defineProjection, type Documents, type ReadModelTarget } from '@strata/projections';
import { EnrollmentEvents } from '../domain/enrollment.js';
import type { Tier } from '../domain/tier.js';

export type CustomerBalance = {
  enrollmentId: string;
  programId: string;
  customerId: string;
  tier: Tier;
  balance: number;
  lifetimePoints: number;
  earned: number;
  redeemed: number;
  expired: number;
  reversed: number;
  /** The position of the last event applied: the memory target may deliver a batch twice. */
  position: string;
};

export const CUSTOMER_BALANCES = 'customer-balances';
const COLLECTION = 'balances';

const sum = (amounts: readonly { points: number }[]) =>
  amounts.reduce((total, { points }) => total + points, 0);

export const customerBalances = defineProjection({
  name: CUSTOMER_BALANCES,
  version: 1,
  onError: 'dead-letter',
  events: EnrollmentEvents,
  handlers: {
    'loyalty.customer.enrolled': async ({ data, position }, { documents }) => {
      const balances = documents<CustomerBalance>(COLLECTION);
      if (await balances.get(data.enrollmentId)) return;
      await balances.set(data.enrollmentId, {
        enrollmentId: data.enrollmentId,
        programId: data.programId,
        customerId: data.customerId,
        tier: 'basic',
        balance: 0,
        lifetimePoints: 0,
        earned: 0,
        redeemed: 0,
        expired: 0,
        reversed: 0,
        position: position.toString(),
      });
    },
    'loyalty.points.earned': ({ data, position }, { documents }) =>
      change(documents<CustomerBalance>(COLLECTION), data.enrollmentId, position, (doc) => {
        doc.balance += data.points;
        doc.earned += data.points;
        doc.lifetimePoints += data.points;
      }),
    'loyalty.points.redeemed': ({ data, position }, { documents }) =>
      change(documents<CustomerBalance>(COLLECTION), data.enrollmentId, position, (doc) => {
        doc.balance -= data.points;
        doc.redeemed += data.points;
      }),
    'loyalty.points.refunded': ({ data, position }, { documents }) =>
      change(documents<CustomerBalance>(COLLECTION), data.enrollmentId, position, (doc) => {
        doc.balance += data.points;
        doc.redeemed -= data.points;
      }),
    'loyalty.points.reversed': ({ data, position }, { documents }) =>
      change(documents<CustomerBalance>(COLLECTION), data.enrollmentId, position, (doc) => {
        const taken = sum(data.debits);
        doc.balance -= taken;
        doc.reversed += taken;
        doc.lifetimePoints -= data.points;
      }),
    'loyalty.points.expired': ({ data, position }, { documents }) =>
      change(documents<CustomerBalance>(COLLECTION), data.enrollmentId, position, (doc) => {
        doc.balance -= data.points;
        doc.expired += data.points;
      }),
    'loyalty.tier.upgraded': ({ data, position }, { documents }) =>
      change(documents<CustomerBalance>(COLLECTION), data.enrollmentId, position, (doc) => {
        doc.tier = data.to;
      }),
    'loyalty.tier.downgraded': ({ data, position }, { documents }) =>
      change(documents<CustomerBalance>(COLLECTION), data.enrollmentId, position, (doc) => {
        doc.tier = data.to;
      }),
  },
});

/** Applies `recipe` unless the document already reflects the event (a repeated delivery). */
function change(
  balances: Documents<CustomerBalance>,
  enrollmentId: string,
  position: bigint,
  recipe: (doc: CustomerBalance) => void,
): Promise<void> {
  return balances.update(enrollmentId, (doc) => {
    if (BigInt(doc.position) >= position) return;
    recipe(doc);
    doc.position = position.toString();
  });
}

/** One customer's balance in one program, as the read model has it. */
export function readBalance(
  target: Pick<ReadModelTarget, 'documents'>,
  enrollmentId: string,
): Promise<CustomerBalance | undefined> {
  return target.documents<CustomerBalance>(CUSTOMER_BALANCES, COLLECTION).get(enrollmentId);
}

/** Every balance (of one program when `programId` is given), by program then customer. */
export async function readBalances(
  target: Pick<ReadModelTarget, 'documents'>,
  programId?: string,
): Promise<CustomerBalance[]> {
  const docs = await target
    .documents<CustomerBalance>(CUSTOMER_BALANCES, COLLECTION)
    .find((doc) => programId === undefined || doc.programId === programId);
  return docs.sort(
    (a, b) => a.programId.localeCompare(b.programId) || a.customerId.localeCompare(b.customerId),
  );
}
