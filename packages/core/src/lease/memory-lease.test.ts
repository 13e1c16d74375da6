import { describe, expect, it } from 'vitest';
import type { Clock } from '../providers/clock.js';
import { MemoryLease } from './memory-lease.js';

function manualClock() {
  let t = Date.parse('2024-01-01T00:00:00Z');
  const clock: Clock = { now: () => new Date(t) };
  return { clock, advance: (ms: number) => (t += ms) };
}

describe('MemoryLease', () => {
  it('one owner at a time; a lapsed lease goes to the next asker; renew only while held', async () => {
    const { clock, advance } = manualClock();
    const lease = new MemoryLease({ clock });
    expect(await lease.acquire('relay', 'a', 1_000)).toBe(true);
    expect(await lease.acquire('relay', 'b', 1_000)).toBe(false);
    expect(await lease.acquire('other', 'b', 1_000)).toBe(true);
    advance(900);
    expect(await lease.renew('relay', 'a', 1_000)).toBe(true);
    advance(900);
    expect(await lease.acquire('relay', 'b', 1_000)).toBe(false);
    expect(lease.holds('relay', 'a')).toBe(true);
    advance(101);
    expect(lease.holds('relay', 'a')).toBe(false);
    expect(await lease.renew('relay', 'a', 1_000)).toBe(false);
    expect(await lease.acquire('relay', 'b', 1_000)).toBe(true);
    expect(await lease.renew('relay', 'a', 1_000)).toBe(false);
    await lease.release('relay', 'a'); // not a's: nothing happens
    expect(lease.holds('relay', 'b')).toBe(true);
    await lease.release('relay', 'b');
    expect(await lease.acquire('relay', 'a', 1_000)).toBe(true);
  });
});
