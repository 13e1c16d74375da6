import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { throughJetStream } from './nats.js';

// Needs the NATS server that `.ci/services.sh` starts; the test fails without it.
const servers = process.env.STRATA_NATS_URL ?? '127.0.0.1:4222';

describe('integration events: NATS JetStream', () => {
  it('relays to a stream and a durable consumer receives it', async () => {
    const run = randomBytes(4).toString('hex');
    const { received, health, checked, config, subjects } = await throughJetStream(servers, run);
    expect(received.map((m) => [m.type, m.data])).toEqual([
      ['loyalty.points-awarded.v1', { accountId: 'a-1', points: 5 }],
    ]);
    expect(health).toMatchObject({ ok: true, messages: 1 });
    expect(checked).toMatchObject({ ok: true, messages: 1 });
    expect(config).toMatchObject({ name: `LOYALTY_${run}` });
    expect(config.subjects).toContain(`events.${run}.>`);
    expect(subjects).toEqual([
      `events.${run}.loyalty.points-awarded.v1`,
      `events.${run}.loyalty.account-archived.v1`,
    ]);
  });
});
