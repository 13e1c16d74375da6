import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeBlocksOf } from '../../samples-source.js';
import { firstSteps } from './first-steps.js';

const page = readFileSync(join(import.meta.dirname, '../../getting-started.md'), 'utf8');

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

  it('the page quotes exactly what the sample prints', async () => {
    const lines: string[] = [];
    await firstSteps((line) => lines.push(line));
    const printed = lines.filter((line) => !line.startsWith('#'));
    for (const line of printed) expect(page).toContain(`\`${line}\``);
    // The first output block is this walkthrough's; the second is my-account.ts's (its own test).
    const output = codeBlocksOf('getting-started.md', page).filter((b) => b.lang === 'text');
    expect(output[0]?.code).toEqual(lines.filter((line) => line.startsWith('#')).join('\n'));
  });
});
