import { describe, expect, it } from 'vitest';
import { firstSteps } from './first-steps.js';

describe('getting started: first steps', () => {
  it('tells the whole story: save, load, update, refusal, conflict, stream', async () => {
    const lines: string[] = [];
    await firstSteps((line) => lines.push(line));
    expect(lines).toEqual([
      '2 new events, balance 100',
      'saved 2 events; version 1',
      'loaded: balance 100, version 1',
      'after redeeming: balance 70',
      'refused: INSUFFICIENT_POINTS (balance 70 < 1000)',
      'conflict on loyaltyAccount-a-1: expected 2, found 3',
      '#0 loyalty.customer.enrolled {"accountId":"a-1","programId":"gold-club"}',
      '#1 loyalty.points.earned {"accountId":"a-1","points":100,"reason":"signup bonus"}',
      '#2 loyalty.points.redeemed {"accountId":"a-1","points":30}',
      '#3 loyalty.points.earned {"accountId":"a-1","points":5,"reason":"review"}',
    ]);
  });
});
