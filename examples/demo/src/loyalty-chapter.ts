// The loyalty platform: a programme and its catalogue, members enrolled by the enrolment saga,
// purchases that earn points and lift tiers, rules that refuse, a conflict that retries, an old
// event upcast, read models, and a read model rebuilt from scratch.
import { ConcurrencyError, DomainError, Repository, forTenant } from '@strata/core';
import {
  createLoyaltyApp,
  Enrollment,
  enrollmentId,
  InMemoryNotifier,
  PROGRAM_LEADERBOARD,
  type LeaderboardEntry,
  type LoyaltyApp,
  type PointsEarnedV1,
} from '@strata/example-loyalty';
import type { SagaStatus } from '@strata/sagas';
import type { DemoStore } from './demo-store.js';
import { euros, heading, ProgressBar, say, table } from './narrator.js';
import { trail } from './saga-trail.js';

const points = (n: number) => n.toLocaleString('en');

const leaderboardRows = (entries: readonly LeaderboardEntry[]) =>
  entries.map((e) => ({
    rank: e.rank,
    customer: e.customerId,
    lifetime: points(e.lifetimePoints),
    tier: e.tier,
  }));

async function enrolAndFollow(app: LoyaltyApp, customerId: string, programId: string): Promise<SagaStatus> {
  const enrollment = await app.enrol(customerId, programId);
  await app.orchestrator.idle();
  const status = await app.orchestrator.get('enrolment', enrollment.id);
  if (!status) throw new Error(`the enrolment saga for ${enrollment.id} did not start`);
  say(`${customerId} enrols in ${programId} (stream enrollment-${enrollment.id})`);
  say(`   saga enrolment (stream ${status.streamId}): ${trail(status)}`);
  return status;
}

export async function loyaltyChapter(demo: DemoStore, suffix = ''): Promise<void> {
  const notifier = new InMemoryNotifier().failFor(`carol${suffix}`, 'mailbox full');
  const app = createLoyaltyApp({
    store: demo.store,
    notifier,
    checkpoints: demo.checkpoints,
    target: demo.target,
  });
  const program = `coffee-club${suffix}`;
  const customer = (name: string) => `${name}${suffix}`;
  const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map(customer) as [
    string,
    string,
    string,
    string,
  ];

  heading('Loyalty: a programme and its catalogue');
  await app.createProgram(program, {
    name: 'Coffee Club',
    signupBonus: 100,
    tierThresholds: { silver: 1_000, gold: 5_000 },
    welcomeRewardId: `cookie${suffix}`,
  });
  await app.addReward(`cookie${suffix}`, { programId: program, name: 'Welcome cookie', cost: 50, stock: 10 });
  await app.addReward(`mug${suffix}`, { programId: program, name: 'Coffee mug', cost: 300, stock: 2 });
  await app.addReward(`espresso${suffix}`, {
    programId: program,
    name: 'Espresso machine',
    cost: 4_000,
    stock: 1,
  });
  await app.activateProgram(program);
  say(
    `program ${program} "Coffee Club": signup bonus 100 points, silver at 1,000 and gold at 5,000 lifetime points`,
  );
  say(
    'catalogue: a welcome cookie (10 in stock), a coffee mug (300 points, 2), an espresso machine (4,000 points, 1)',
  );

  await app.orchestrator.start();
  try {
    heading('Customers enrol: the enrolment saga grants the bonus, gives the cookie, says welcome');
    for (const name of [alice, bob]) await enrolAndFollow(app, name, program);
    for (const name of [alice, bob]) {
      const balance = (await app.enrollments.load(enrollmentId(program, name))).state.balance;
      say(
        `   ${name}: ${balance} points; welcome message sent: ${notifier.sent.some((n) => n.customerId === name)}`,
      );
    }

    heading('Customers earn points for purchases');
    const { points: small } = await app.recordPurchase(alice, program, 4_200);
    say(`${alice} spends ${euros(4_200)}: earns ${small} points`);
    const { points: coffee } = await app.recordPurchase(bob, program, 2_950);
    say(`${bob} spends ${euros(2_950)}: earns ${coffee} points`);

    heading('A tier upgrade');
    const { enrollment: upgraded, points: big } = await app.recordPurchase(alice, program, 90_000);
    say(
      `${alice} spends ${euros(90_000)}: earns ${big} points, lifetime ${points(upgraded.state.lifetimePoints)}: tier upgraded to ${upgraded.state.tier}`,
    );

    heading('A redemption refused by a domain rule');
    try {
      await app.redeemReward(bob, program, `espresso${suffix}`);
      throw new Error('the redemption should have been refused');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      say(`${bob} asks for the espresso machine: DomainError ${error.code}: ${error.message}`);
    }
    const mug = await app.redeemReward(alice, program, `mug${suffix}`);
    say(`${alice} redeems a coffee mug for ${mug.points} points: ${points(mug.balance)} points left`);

    heading('Two concurrent updates');
    const terms = (await app.programs.load(program)).terms;
    const id = enrollmentId(program, bob);
    const till1 = await app.enrollments.load(id);
    const till2 = await app.enrollments.load(id);
    const loadedAt = till1.version;
    const at = new Date();
    till1.earnPurchase(terms, 1_000, { transactionId: `till-1${suffix}`, at });
    till2.earnPurchase(terms, 2_000, { transactionId: `till-2${suffix}`, at });
    await app.enrollments.save(till1);
    say(`two tills load ${bob}'s enrolment at version ${loadedAt}; till 1 saves first`);
    try {
      await app.enrollments.save(till2);
      throw new Error('the second save should have conflicted');
    } catch (error) {
      if (!(error instanceof ConcurrencyError)) throw error;
      say(
        `till 2 hits ConcurrencyError: expected revision ${String(error.expectedRevision)}, the stream is at ${error.actualRevision}`,
      );
    }
    const retried = await app.recordPurchase(bob, program, 2_000, { transactionId: `till-2${suffix}` });
    say(
      `till 2 retries through Repository.update (reload, decide again, save): ${bob} now has ${retried.enrollment.state.balance} points`,
    );

    heading('An enrolment that cannot finish compensates');
    const failed = await enrolAndFollow(app, carol, program);
    const { step, error } = failed.failure ?? {};
    say(`   ${step ?? 'a step'} failed with ${error?.name ?? 'an error'}: ${error?.message ?? ''}`);
    const undone = failed.steps.filter((s) => s.status === 'compensated').map((s) => s.name);
    const carolNow = await app.enrollments.load(enrollmentId(program, carol));
    say(
      `   compensation, in reverse: ${undone.reverse().join(' then ')} — the cookie went back to stock, the bonus was reversed (balance ${carolNow.state.balance})`,
    );

    heading('An event written by an older version of the app');
    await enrolAndFollow(app, dave, program);
    const v1: PointsEarnedV1 = {
      enrollmentId: enrollmentId(program, dave),
      transactionId: `legacy-1${suffix}`,
      points: 30,
      earnedAt: new Date().toISOString(),
    };
    await demo.store.append(`enrollment-${enrollmentId(program, dave)}`, [
      { type: 'loyalty.points.earned', data: v1, schemaVersion: 1 },
    ]);
    const daveNow = await app.enrollments.load(enrollmentId(program, dave));
    const lot = daveNow.state.lots.at(-1);
    say(
      `a schema v1 'loyalty.points.earned' (no reason) is upcast on load: ${lot?.points} points, reason '${lot?.reason}'; ${dave} has ${daveNow.state.balance}`,
    );

    await app.runner.catchUp();
    heading('Read models: balances and tiers, the leaderboard, reward stock');
    table(
      (await app.readModels.balances(program)).map((b) => ({
        customer: b.customerId,
        tier: b.tier,
        balance: b.balance,
        lifetime: b.lifetimePoints,
        redeemed: b.redeemed,
        reversed: b.reversed,
      })),
    );
    table(leaderboardRows(await app.readModels.leaderboard(program, 3)));
    table(
      (await app.readModels.rewardStock(program)).map((r) => ({
        reward: r.name,
        cost: r.cost,
        'in stock': r.stock,
        claimed: r.claimed,
        cancelled: r.cancelled,
      })),
    );

    heading('A busy season, then the leaderboard rebuilt from scratch');
    const members = [alice, bob, dave];
    let appended = 0;
    for (const [index, name] of members.entries()) {
      // 100 purchases a save, 10 saves a member: 3,000 events in all. A saved aggregate is
      // current, so it takes the next batch without a reload.
      const enrollment = await app.enrollments.load(enrollmentId(program, name));
      for (let batch = 0; batch < 10; batch++) {
        for (let i = 0; i < 100; i++) {
          enrollment.earnPurchase(terms, 500 + 100 * index, {
            transactionId: `season-${batch}-${i}${suffix}`,
            at,
          });
        }
        appended += enrollment.uncommittedEvents.length;
        await app.enrollments.save(enrollment);
      }
    }
    say(`${points(appended)} events appended (100 per save)`);
    const bar = new ProgressBar(`rebuilding ${PROGRAM_LEADERBOARD}`);
    const progress = await app.runner.rebuild(PROGRAM_LEADERBOARD, {
      onProgress: (p) => bar.update(p.processed, p.total, p.eventsPerSecond),
    });
    bar.update(progress.processed, progress.total, progress.eventsPerSecond);
    bar.finish();
    say(`rebuilt from position 0 into a new build, then switched: ${points(progress.processed)} events`);
    await app.runner.catchUp();
    table(leaderboardRows(await app.readModels.leaderboard(program, 3)));

    heading('Tenants never see each other');
    const acme = new Repository(forTenant(demo.store, `acme${suffix}`), Enrollment);
    const globex = new Repository(forTenant(demo.store, `globex${suffix}`), Enrollment);
    const erin = acme.create(enrollmentId('acme-club', 'erin'));
    erin.enrol('erin', { ...terms, programId: 'acme-club' }, new Date());
    await acme.save(erin);
    // Erin's enrolment starts a saga too; let it run so the stored summary is the same on every store.
    await app.orchestrator.idle();
    say(
      `acme sees erin: ${(await acme.find(erin.id)) !== undefined}; globex sees erin: ${(await globex.find(erin.id)) !== undefined}`,
    );
  } finally {
    await app.orchestrator.stop();
  }
}
