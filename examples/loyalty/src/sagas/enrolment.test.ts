import { MemoryEventStore, steppingClock, toArray, type EventStore } from '@strata/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createLoyaltyApp, type LoyaltyApp } from '../loyalty-app.js';
import { ENROLMENT_SAGA, enrolmentSaga } from './enrolment.js';
import { InMemoryNotifier, NotificationFailedError, type Notifier } from './notifier.js';

let app: LoyaltyApp | undefined;
afterEach(async () => {
  await app?.orchestrator.stop();
  app = undefined;
});

const BONUS_KEY = (enrollmentId: string) => `sagaEnrolment-${enrollmentId}/grant-signup-bonus`;

interface Setup {
  readonly welcomeStock?: number;
  readonly signupBonus?: number;
  readonly welcomeRewardId?: string | null;
  /** Start the orchestrator now (default) or leave it to the test. */
  readonly orchestrate?: boolean;
  readonly notifier?: Notifier;
}

async function start(setup: Setup = {}) {
  const notifier = new InMemoryNotifier().failFor('carol', 'mailbox full');
  const errors: unknown[] = [];
  const store: EventStore = new MemoryEventStore();
  app = createLoyaltyApp({
    store,
    notifier: setup.notifier ?? notifier,
    onError: (error) => errors.push(error),
    clock: steppingClock('2026-03-01T09:00:00.000Z', 1000),
  });
  await app.createProgram('coffee', {
    name: 'Coffee Club',
    signupBonus: setup.signupBonus ?? 100,
    tierThresholds: { silver: 500, gold: 2000 },
    welcomeRewardId: setup.welcomeRewardId === undefined ? 'mug' : setup.welcomeRewardId,
    pointsExpireAfterDays: 365,
  });
  await app.addReward('mug', {
    programId: 'coffee',
    name: 'coffee mug',
    cost: 250,
    stock: setup.welcomeStock ?? 5,
  });
  await app.activateProgram('coffee');
  if (setup.orchestrate ?? true) await app.orchestrator.start();
  return { app, notifier, errors };
}

const types = async (store: EventStore, streamId: string) =>
  (await toArray(store.readStream(streamId))).map((event) => event.type);

describe('the enrolment saga', () => {
  it('grants the signup bonus, issues the welcome reward and welcomes the member', async () => {
    const { app, notifier, errors } = await start();
    await app.enrol('alice', 'coffee');
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get(ENROLMENT_SAGA, 'coffee.alice');
    expect(saga?.status).toBe('completed');
    const alice = await app.enrollments.load('coffee.alice');
    expect(alice.state).toMatchObject({ balance: 100, lifetimePoints: 100, tier: 'basic' });
    expect(alice.state.lots).toEqual([
      expect.objectContaining({
        transactionId: BONUS_KEY('coffee.alice'),
        reason: 'signup bonus',
        points: 100,
        // Earned when she joined, so its expiry counts from the enrolment.
        earnedAt: alice.state.enrolledAt,
      }),
    ]);
    const mug = await app.rewards.load('mug');
    expect(mug.state.stock).toBe(4);
    expect(Object.values(mug.state.redemptions)).toEqual([
      { customerId: 'alice', kind: 'issued', points: 0, status: 'open' },
    ]);
    expect(notifier.sent).toEqual([
      {
        customerId: 'alice',
        programId: 'coffee',
        subject: 'Welcome to Coffee Club',
        body: 'You have 100 bonus points and a coffee mug waiting for you.',
      },
    ]);
    expect(errors).toEqual([]);

    // The events each step caused carry its idempotency key and the enrolment's correlation.
    const [enrolled, bonus] = await toArray(app.store.readStream('enrollment-coffee.alice'));
    expect(bonus?.type).toBe('loyalty.points.earned');
    expect(bonus?.metadata).toMatchObject({
      idempotencyKey: BONUS_KEY('coffee.alice'),
      correlationId: enrolled?.metadata.correlationId ?? enrolled?.eventId,
      causationId: enrolled?.eventId,
    });
  });

  it('a bonus that cannot be granted ends the saga with nothing to undo', async () => {
    const { app, notifier } = await start({ orchestrate: false });
    await app.enrol('alice', 'coffee');
    await app.suspendProgram('coffee', 'audit');
    await app.orchestrator.start();
    await app.orchestrator.idle();

    // Nothing was done, so nothing was undone: the saga ends `failed`, not `compensated`.
    const saga = await app.orchestrator.get(ENROLMENT_SAGA, 'coffee.alice');
    expect(saga?.status).toBe('failed');
    expect(saga?.failure).toMatchObject({ cause: 'failed', step: 'grant-signup-bonus' });
    expect(saga?.steps[0]?.error?.code).toBe('PROGRAM_INACTIVE');
    expect(saga?.steps.map((step) => [step.name, step.status])).toEqual([
      ['grant-signup-bonus', 'failed'],
      ['issue-welcome-reward', 'pending'],
      ['notify', 'pending'],
    ]);
    expect(await types(app.store, 'enrollment-coffee.alice')).toEqual(['loyalty.customer.enrolled']);
    expect((await app.rewards.load('mug')).state.stock).toBe(5);
    expect(notifier.calls).toBe(0);
  });

  it('a welcome reward out of stock reverses the bonus', async () => {
    const { app, notifier } = await start({ welcomeStock: 0 });
    await app.enrol('bob', 'coffee');
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get(ENROLMENT_SAGA, 'coffee.bob');
    expect(saga?.status).toBe('compensated');
    expect(saga?.failure).toMatchObject({ cause: 'failed', step: 'issue-welcome-reward' });
    expect(saga?.steps[1]?.error?.code).toBe('REWARD_OUT_OF_STOCK');
    expect(saga?.steps.map((step) => [step.name, step.status])).toEqual([
      ['grant-signup-bonus', 'compensated'],
      ['issue-welcome-reward', 'failed'],
      ['notify', 'pending'],
    ]);
    expect(await types(app.store, 'enrollment-coffee.bob')).toEqual([
      'loyalty.customer.enrolled',
      'loyalty.points.earned',
      'loyalty.points.reversed',
    ]);
    const bob = await app.enrollments.load('coffee.bob');
    expect(bob.state).toMatchObject({
      enrolled: true,
      balance: 0,
      lifetimePoints: 0,
      earned: 100,
      reversed: 100,
    });
    expect(await types(app.store, 'reward-mug')).toEqual(['reward.created']);
    expect(notifier.calls).toBe(0);
  });

  it('a failed notification returns the reward to stock, then reverses the bonus', async () => {
    const { app, notifier } = await start();
    await app.enrol('carol', 'coffee');
    await app.orchestrator.idle();

    const saga = await app.orchestrator.get(ENROLMENT_SAGA, 'coffee.carol');
    expect(saga?.status).toBe('compensated');
    expect(saga?.failure).toMatchObject({ cause: 'failed', step: 'notify' });
    expect(saga?.steps[2]?.error).toMatchObject({
      code: 'NOTIFICATION_FAILED',
      message: 'could not notify carol: mailbox full',
    });
    expect(saga?.steps.map((step) => [step.name, step.status])).toEqual([
      ['grant-signup-bonus', 'compensated'],
      ['issue-welcome-reward', 'compensated'],
      ['notify', 'failed'],
    ]);
    expect(saga?.steps[2]?.attempts).toBe(2);
    expect(notifier.calls).toBe(2);
    expect(notifier.sent).toEqual([]);

    expect(await types(app.store, 'reward-mug')).toEqual([
      'reward.created',
      'reward.issued',
      'reward.redemption.cancelled',
    ]);
    const mug = await app.rewards.load('mug');
    expect(mug.state.stock).toBe(5);
    const carol = await app.enrollments.load('coffee.carol');
    expect(carol.state).toMatchObject({ balance: 0, lifetimePoints: 0 });
    expect(carol.earning(BONUS_KEY('coffee.carol'))?.reversed).toBe(true);

    // Compensation runs in reverse: the reward went back before the bonus was reversed.
    const cancelled = (await toArray(app.store.readStream('reward-mug'))).at(-1);
    const reversed = (await toArray(app.store.readStream('enrollment-coffee.carol'))).at(-1);
    expect(reversed?.type).toBe('loyalty.points.reversed');
    expect(cancelled && reversed && cancelled.position < reversed.position).toBe(true);
    expect(reversed?.metadata).toMatchObject({ idempotencyKey: `${BONUS_KEY('coffee.carol')}/compensate` });
  });

  it('a bonus that reached a tier is taken back with the tier', async () => {
    const { app } = await start({ signupBonus: 600 });
    await app.enrol('carol', 'coffee');
    await app.orchestrator.idle();

    expect(await types(app.store, 'enrollment-coffee.carol')).toEqual([
      'loyalty.customer.enrolled',
      'loyalty.points.earned',
      'loyalty.tier.upgraded',
      'loyalty.points.reversed',
      'loyalty.tier.downgraded',
    ]);
    expect((await app.enrollments.load('coffee.carol')).state.tier).toBe('basic');
  });

  it('a bonus already spent cannot be reversed: the saga is parked for a person to settle', async () => {
    // A notifier that fails, but only after the member spent the bonus on a reward.
    const notifier: Notifier = {
      notify: async ({ customerId }) => {
        if ((await app?.enrollments.load(`coffee.${customerId}`))?.state.balance === 100)
          await app?.redeemReward(customerId, 'coffee', 'pen');
        throw new NotificationFailedError(customerId, 'mailbox full');
      },
    };
    const { app: started } = await start({ notifier });
    await started.addReward('pen', { programId: 'coffee', name: 'pen', cost: 80, stock: 5 });
    await started.enrol('frank', 'coffee');
    await started.orchestrator.idle();

    const saga = await started.orchestrator.get(ENROLMENT_SAGA, 'coffee.frank');
    expect(saga?.status).toBe('compensation_failed');
    expect(saga?.deadLetter).toMatchObject({
      step: 'grant-signup-bonus',
      error: { code: 'INSUFFICIENT_POINTS' },
    });
    // The reward came back before the bonus compensation was refused.
    expect((await started.rewards.load('mug')).state.stock).toBe(5);
    expect((await started.enrollments.load('coffee.frank')).state).toMatchObject({
      balance: 20,
      redeemed: 80,
    });
    expect(
      await started.orchestrator.list({ saga: ENROLMENT_SAGA, status: 'compensation_failed' }),
    ).toHaveLength(1);
  });

  it('new members compete for the last welcome rewards: each unit goes once, stock never negative', async () => {
    const { app } = await start({ welcomeStock: 2 });
    const customers = ['c-1', 'c-2', 'c-3', 'c-4', 'c-5'];
    await Promise.all(customers.map((customer) => app.enrol(customer, 'coffee')));
    await app.orchestrator.idle();

    const statuses = await Promise.all(
      customers.map(
        async (customer) => (await app.orchestrator.get(ENROLMENT_SAGA, `coffee.${customer}`))?.status,
      ),
    );
    expect(statuses.filter((status) => status === 'completed')).toHaveLength(2);
    expect(statuses.filter((status) => status === 'compensated')).toHaveLength(3);
    const mug = await app.rewards.load('mug');
    expect(mug.state.stock).toBe(0);
    expect(Object.values(mug.state.redemptions).map((r) => r.status)).toEqual(['open', 'open']);
    const balances = await Promise.all(
      customers.map(async (customer) => (await app.enrollments.load(`coffee.${customer}`)).state.balance),
    );
    expect(balances.sort()).toEqual([0, 0, 0, 100, 100]);
  });

  it('a program with no bonus and no welcome reward only welcomes', async () => {
    const { app, notifier } = await start({ signupBonus: 0, welcomeRewardId: null });
    await app.enrol('dave', 'coffee');
    await app.orchestrator.idle();

    expect((await app.orchestrator.get(ENROLMENT_SAGA, 'coffee.dave'))?.status).toBe('completed');
    expect(await types(app.store, 'enrollment-coffee.dave')).toEqual(['loyalty.customer.enrolled']);
    expect(await types(app.store, 'reward-mug')).toEqual(['reward.created']);
    expect(notifier.sent.map((sent) => [sent.customerId, sent.body])).toEqual([
      ['dave', 'Thanks for joining.'],
    ]);
  });

  it('a step that runs again finds its earlier write instead of repeating it', async () => {
    const { app, notifier } = await start();
    await app.enrol('erin', 'coffee');
    await app.orchestrator.idle();
    const before = await toArray(app.store.readAll());

    // Re-running every step (as after a crash before a completion was recorded) changes nothing.
    const saga = enrolmentSaga({ ...app });
    const [enrolled] = await toArray(app.store.readStream('enrollment-coffee.erin'));
    const results: Record<string, unknown> = {};
    for (const step of saga.steps) {
      if (!('run' in step) || !step.run || !enrolled) continue;
      results[step.name] = await step.run({
        saga: ENROLMENT_SAGA,
        sagaId: 'coffee.erin',
        step: step.name,
        input: enrolled.data as never,
        results,
        idempotencyKey: `sagaEnrolment-coffee.erin/${step.name}`,
        signal: new AbortController().signal,
        metadata: {},
        attempt: 2,
      });
    }
    expect((await toArray(app.store.readAll())).length).toBe(before.length);
    expect(notifier.sent).toHaveLength(1);
    expect(results['grant-signup-bonus']).toEqual({ transactionId: BONUS_KEY('coffee.erin'), points: 100 });
  });
});
