import { signWebhook, type IntegrationMessage } from '@strata/integration';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { loyaltyOut } from './relay.js';
import { partnerEndpoint, sendToPartner } from './webhooks.js';

const message: IntegrationMessage = loyaltyOut.map({
  eventId: 'e-1',
  streamId: 'loyaltyAccount-a-1',
  revision: 0n,
  position: 0n,
  recordedAt: new Date(),
  schemaVersion: 1,
  type: 'loyalty.points.earned',
  data: { accountId: 'a-1', points: 3, reason: 'r' },
  metadata: { tenantId: 'acme' },
})[0]!;

describe('integration events: webhooks', () => {
  it('delivers signed requests the partner verifies and deduplicates; other tenants are not sent', async () => {
    const { handled, deadLetters } = await sendToPartner(message);
    expect([...handled]).toEqual([message.id]);
    expect(deadLetters).toEqual([]);
  });

  it('the partner endpoint rejects forged and stale requests', async () => {
    const server = partnerEndpoint('whsec_partner', new Set());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const post = (signature: string) =>
      fetch(url, { method: 'POST', body: '{}', headers: { 'x-strata-signature': signature } }).then(
        (r) => r.status,
      );
    const now = Math.floor(Date.now() / 1000);
    expect(await post(signWebhook('whsec_partner', '{}', now))).toBe(204);
    expect(await post(signWebhook('guess', '{}', now))).toBe(401);
    expect(await post(signWebhook('whsec_partner', '{}', now - 3600))).toBe(401);
    expect(await post('t=1')).toBe(401);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
