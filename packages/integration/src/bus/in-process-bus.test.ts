import { seededRandom } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { DeliveryTimeoutError } from '../errors/integration-errors.js';
import type { IntegrationMessage } from '../message/integration-message.js';
import {
  deferred,
  loyaltyMapping,
  PointsAwarded,
  recorded,
  recordingSleep,
} from '../test-support/fixtures.js';
import { InProcessBus } from './in-process-bus.js';
import { compilePattern } from './pattern.js';

const retry = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 1000, factor: 2 };

function awarded(accountId: string, points: number, tenantId?: string): IntegrationMessage {
  const [message] = loyaltyMapping.map(
    recorded('loyalty.points.earned', { accountId, points, reason: 'r' }, tenantId ? { tenantId } : {}),
  );
  return { ...message!, key: accountId };
}

describe('in-process bus', () => {
  it('delivers by definition and by wildcard pattern, and stops after unsubscribe', async () => {
    const bus = new InProcessBus({ retry });
    const typed: number[] = [];
    const wild: string[] = [];
    const stop = bus.subscribe(PointsAwarded, (m) => void typed.push(m.data.points));
    bus.subscribe('loyalty.>', (m) => void wild.push(m.type));
    bus.subscribe('audit.*', () => {
      throw new Error('must not be called');
    });
    await bus.publish(awarded('a', 1));
    stop();
    await bus.publish(awarded('a', 2));
    expect(typed).toEqual([1]);
    expect(wild).toEqual([PointsAwarded.type, PointsAwarded.type]);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('matches patterns token by token', () => {
    const star = compilePattern('loyalty.*.v1');
    expect([star('loyalty.x.v1'), star('loyalty.x.y.v1'), star('loyalty.v1')]).toEqual([true, false, false]);
    const tail = compilePattern('loyalty.>');
    expect([tail('loyalty.a'), tail('loyalty.a.b'), tail('loyalty'), tail('audit.a')]).toEqual([
      true,
      true,
      false,
      false,
    ]);
    expect(() => compilePattern('a.>.b')).toThrow(/last token/);
  });

  it('isolates handlers: one failing handler is retried with backoff and dead-lettered while others succeed', async () => {
    const { sleep, delays } = recordingSleep();
    const bus = new InProcessBus({ retry, sleep, random: () => 0.5 });
    let failing = 0;
    const good: string[] = [];
    bus.subscribe(
      'loyalty.>',
      () => {
        failing++;
        throw new Error('downstream down');
      },
      { name: 'flaky' },
    );
    bus.subscribe(PointsAwarded, (m) => void good.push(m.id));
    const message = awarded('a', 3);
    await bus.publish(message);
    expect(good).toEqual([message.id]);
    expect(failing).toBe(3);
    // Core's full jitter with random() = 0.5: half of 100·2^0, then half of 100·2^1.
    expect(delays).toEqual([50, 100]);
    const [letter] = bus.deadLetters();
    expect(letter).toMatchObject({ target: 'flaky', attempts: 3, message: { id: message.id } });
    expect(letter!.error.message).toBe('downstream down');
  });

  it('redelivers a dead letter and removes it once the handler succeeds', async () => {
    const bus = new InProcessBus({ retry: { ...retry, maxAttempts: 1 } });
    let healthy = false;
    const handled: string[] = [];
    bus.subscribe(PointsAwarded, (m) => {
      if (!healthy) throw new Error('not yet');
      handled.push(m.id);
    });
    const message = awarded('a', 4);
    await bus.publish(message);
    const [letter] = bus.deadLetters();
    expect(await bus.redeliver(letter!.id)).toBe(false);
    const [again] = bus.deadLetters();
    healthy = true;
    expect(await bus.redeliver(again!.id)).toBe(true);
    expect(handled).toEqual([message.id]);
    expect(bus.deadLetters()).toEqual([]);
  });

  it('times a handler out and counts it as a failed attempt', async () => {
    const bus = new InProcessBus({ retry: { ...retry, maxAttempts: 1 } });
    const never = deferred();
    bus.subscribe(PointsAwarded, () => never.promise, { timeoutMs: 20 });
    await bus.publish(awarded('a', 5));
    expect(bus.deadLetters()[0]!.error).toMatchObject({
      name: DeliveryTimeoutError.name,
      code: 'DELIVERY_TIMEOUT',
    });
    never.resolve();
  });

  it('keeps per-key order for ordered subscribers while other keys proceed', async () => {
    const bus = new InProcessBus({ retry });
    const gates = new Map<number, ReturnType<typeof deferred>>();
    const seen: string[] = [];
    bus.subscribe(
      PointsAwarded,
      async (m) => {
        const gate = gates.get(m.data.points);
        if (gate) await gate.promise;
        seen.push(`${m.data.accountId}${m.data.points}`);
      },
      { ordered: true },
    );
    gates.set(1, deferred());
    const all = [bus.publish(awarded('a', 1)), bus.publish(awarded('a', 2)), bus.publish(awarded('b', 3))];
    await all[2];
    // a2 waits behind the blocked a1; b3 has its own key and is through already.
    expect(seen).toEqual(['b3']);
    gates.get(1)!.resolve();
    await Promise.all(all);
    expect(seen).toEqual(['b3', 'a1', 'a2']);
  });

  it('binds a subscriber to one tenant', async () => {
    const bus = new InProcessBus({ retry });
    const acme: (string | undefined)[] = [];
    const any: (string | undefined)[] = [];
    bus.subscribe(PointsAwarded, (m) => void acme.push(m.tenantId), { tenantId: 'acme' });
    bus.subscribe(PointsAwarded, (m) => void any.push(m.tenantId));
    for (const tenant of ['acme', 'globex', undefined, 'acme']) await bus.publish(awarded('a', 1, tenant));
    expect(acme).toEqual(['acme', 'acme']);
    expect(any).toEqual(['acme', 'globex', undefined, 'acme']);
  });

  it('runs middleware around every attempt, in order', async () => {
    const log: string[] = [];
    const bus = new InProcessBus({
      retry: { ...retry, maxAttempts: 2 },
      sleep: () => Promise.resolve(),
      random: seededRandom(1),
      middleware: [
        async (ctx, next) => {
          log.push(`outer ${ctx.attempt}`);
          await next();
        },
      ],
    });
    bus.use(async (ctx, next) => {
      log.push(`inner ${ctx.subscription}`);
      await next();
    });
    let calls = 0;
    bus.subscribe(
      PointsAwarded,
      () => {
        if (++calls === 1) throw new Error('once');
        log.push('handler');
      },
      { name: 'h' },
    );
    await bus.publish(awarded('a', 1));
    expect(log).toEqual(['outer 1', 'inner h', 'outer 2', 'inner h', 'handler']);
  });
});
