import { checkAggregate, given } from '@strata/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TERMS,
  LoyaltyProgram,
  ProgramActivated,
  ProgramClosed,
  ProgramCreated,
  ProgramSuspended,
  purchasePoints,
} from './loyalty-program.js';

const created = ProgramCreated.create({
  programId: 'coffee',
  name: 'Coffee Club',
  signupBonus: 100,
  tierThresholds: { silver: 500, gold: 2000 },
  earnRules: { pointsPerUnit: 2, tierMultipliers: { basic: 100, silver: 125, gold: 150 } },
  pointsExpireAfterDays: 365,
  welcomeRewardId: 'mug',
});
const activated = ProgramActivated.create({ programId: 'coffee' });
const suspended = ProgramSuspended.create({ programId: 'coffee', reason: 'audit' });
const closed = ProgramClosed.create({ programId: 'coffee', reason: 'sunset' });
const spec = {
  name: 'Coffee Club',
  signupBonus: 100,
  tierThresholds: { silver: 500, gold: 2000 },
  earnRules: { pointsPerUnit: 2, tierMultipliers: { basic: 100, silver: 125, gold: 150 } },
  pointsExpireAfterDays: 365,
  welcomeRewardId: 'mug',
};

describe('LoyaltyProgram', () => {
  it('is created as a draft with its terms', async () => {
    await given(LoyaltyProgram, [], { id: 'coffee' })
      .when((program) => program.create(spec))
      .then([created]);
  });

  it('terms left out take the defaults', async () => {
    await given(LoyaltyProgram, [], { id: 'tea' })
      .when((program) => program.create({ name: 'Tea Time' }))
      .then([
        ProgramCreated.create({
          programId: 'tea',
          name: 'Tea Time',
          ...DEFAULT_TERMS,
          tierThresholds: { ...DEFAULT_TERMS.tierThresholds },
          earnRules: {
            pointsPerUnit: DEFAULT_TERMS.earnRules.pointsPerUnit,
            tierMultipliers: { ...DEFAULT_TERMS.earnRules.tierMultipliers },
          },
        }),
      ]);
  });

  it('is created once', async () => {
    await given(LoyaltyProgram, [created], { id: 'coffee' })
      .when((program) => program.create(spec))
      .thenThrows('PROGRAM_ALREADY_CREATED');
  });

  it('has an id without a dot (enrolment ids are <programId>.<customerId>)', async () => {
    const error = await given(LoyaltyProgram, [], { id: 'coffee.club' })
      .when((program) => program.create(spec))
      .thenThrows('INVALID_PROGRAM_ID');
    expect(error).toMatchObject({ details: { programId: 'coffee.club' } });
  });

  it('refuses terms that make no sense, naming the term', async () => {
    const refused = async (change: object, code: string, details: object) => {
      const error = await given(LoyaltyProgram, [], { id: 'coffee' })
        .when((program) => program.create({ ...spec, ...change }))
        .thenThrows(code);
      expect(error).toMatchObject({ details: { programId: 'coffee', ...details } });
    };
    await refused({ name: '  ' }, 'INVALID_PROGRAM_NAME', { name: '  ' });
    await refused({ signupBonus: -5 }, 'INVALID_SIGNUP_BONUS', { signupBonus: -5 });
    await refused({ signupBonus: 1.5 }, 'INVALID_SIGNUP_BONUS', { signupBonus: 1.5 });
    await refused({ tierThresholds: { silver: 500, gold: 500 } }, 'INVALID_TIER_THRESHOLDS', {
      silver: 500,
      gold: 500,
    });
    await refused({ tierThresholds: { silver: 0, gold: 10 } }, 'INVALID_TIER_THRESHOLDS', { silver: 0 });
    await refused(
      { earnRules: { pointsPerUnit: 0, tierMultipliers: { basic: 100, silver: 100, gold: 100 } } },
      'INVALID_EARN_RULES',
      { pointsPerUnit: 0 },
    );
    await refused(
      { earnRules: { pointsPerUnit: 1, tierMultipliers: { basic: 100, silver: 150, gold: 125 } } },
      'INVALID_EARN_RULES',
      { tierMultipliers: { silver: 150, gold: 125 } },
    );
    await refused(
      { earnRules: { pointsPerUnit: 1, tierMultipliers: { basic: 50, silver: 100, gold: 100 } } },
      'INVALID_EARN_RULES',
      { tierMultipliers: { basic: 50 } },
    );
    await refused({ pointsExpireAfterDays: 0 }, 'INVALID_EXPIRY', { pointsExpireAfterDays: 0 });
    await refused({ welcomeRewardId: '' }, 'INVALID_WELCOME_REWARD', { welcomeRewardId: '' });
  });

  it('a draft is activated, an active one is not activated again', async () => {
    await given(LoyaltyProgram, [created], { id: 'coffee' })
      .when((program) => program.activate())
      .then([activated]);
    await given(LoyaltyProgram, [created, activated], { id: 'coffee' })
      .when((program) => program.activate())
      .thenThrows('PROGRAM_ALREADY_ACTIVE');
  });

  it('only an active program is suspended, and activating it again reopens it', async () => {
    await given(LoyaltyProgram, [created, activated], { id: 'coffee' })
      .when((program) => program.suspend('audit'))
      .then([suspended]);
    const error = await given(LoyaltyProgram, [created], { id: 'coffee' })
      .when((program) => program.suspend('audit'))
      .thenThrows('PROGRAM_INACTIVE');
    expect(error).toMatchObject({ details: { programId: 'coffee', status: 'draft' } });
    await given(LoyaltyProgram, [created, activated, suspended], { id: 'coffee' })
      .when((program) => program.activate())
      .thenState((state) => {
        expect(state.status).toBe('active');
        expect(state.reason).toBeNull();
      });
  });

  it('a closed program stays closed', async () => {
    await given(LoyaltyProgram, [created, activated], { id: 'coffee' })
      .when((program) => program.close('sunset'))
      .then([closed]);
    for (const command of [
      (p: LoyaltyProgram) => p.activate(),
      (p: LoyaltyProgram) => p.suspend('x'),
      (p: LoyaltyProgram) => p.close('again'),
    ]) {
      await given(LoyaltyProgram, [created, activated, closed], { id: 'coffee' })
        .when(command)
        .thenThrows('PROGRAM_CLOSED');
    }
  });

  it('a program that was never created cannot be activated, suspended or closed', async () => {
    for (const command of [
      (p: LoyaltyProgram) => p.activate(),
      (p: LoyaltyProgram) => p.suspend('x'),
      (p: LoyaltyProgram) => p.close('x'),
    ]) {
      await given(LoyaltyProgram, [], { id: 'coffee' }).when(command).thenThrows('PROGRAM_NOT_FOUND');
    }
  });

  it('a purchase earns whole points by the earn rules and the tier multiplier', () => {
    const rules = { pointsPerUnit: 2, tierMultipliers: { basic: 100, silver: 125, gold: 150 } };
    expect(purchasePoints(rules, 1250, 'basic')).toBe(25); // 12.50 × 2
    expect(purchasePoints(rules, 1250, 'silver')).toBe(31); // 31.25, rounded down
    expect(purchasePoints(rules, 1250, 'gold')).toBe(37); // 37.5, rounded down
    expect(purchasePoints(rules, 49, 'basic')).toBe(0);
  });

  it('keeps its invariants under any command sequence', async () => {
    const result = await checkAggregate(LoyaltyProgram, {
      id: 'coffee',
      commands: {
        create: {
          args: fc.tuple(
            fc.integer({ min: -10, max: 500 }),
            fc.integer({ min: 0, max: 3000 }),
            fc.integer({ min: 0, max: 3000 }),
          ),
          run: (p, [signupBonus, silver, gold]) =>
            p.create({ ...spec, signupBonus, tierThresholds: { silver, gold } }),
        },
        activate: { args: fc.tuple(), run: (p) => p.activate() },
        suspend: { args: fc.tuple(fc.string()), run: (p, [reason]) => p.suspend(reason) },
        close: { args: fc.tuple(fc.string()), run: (p, [reason]) => p.close(reason) },
      },
      invariants: {
        'a created program has sound terms': (s) =>
          s.status === 'new' ||
          (s.signupBonus >= 0 &&
            0 < s.tierThresholds.silver &&
            s.tierThresholds.silver < s.tierThresholds.gold),
        'a reason exactly when suspended or closed': (s) =>
          (s.reason !== null) === (s.status === 'suspended' || s.status === 'closed'),
      },
      numRuns: 60,
      seed: 20261126,
    });
    for (const name of ['create', 'activate', 'suspend'] as const) {
      const stats = result.commands[name];
      expect(stats && stats.runs - stats.rejected, name).toBeGreaterThan(0);
      expect(stats?.rejected, name).toBeGreaterThan(0);
    }
  });
});
