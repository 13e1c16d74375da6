import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CircuitBreaker,
  MemoryWebhookStore,
  WebhookPublisher,
  WebhookSignatureError,
  verifyWebhookSignature,
  type IntegrationMessage,
} from '@strata/integration';

// #region receive
/** A partner's endpoint: verify the raw body before parsing it, then deduplicate on the event id. */
export function partnerEndpoint(secret: string, handled: Set<string>): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks); // the exact bytes that were signed
      try {
        const { eventId } = verifyWebhookSignature(secret, req.headers, rawBody, { toleranceSeconds: 300 });
        if (eventId !== undefined && !handled.has(eventId)) {
          handled.add(eventId); // in production: an idempotent() handler with a PostgreSQL key store
        }
        res.writeHead(204).end();
      } catch (error) {
        // missing, malformed, stale (replayed) or forged: reject without detail
        res.writeHead(error instanceof WebhookSignatureError ? 401 : 500).end();
      }
    });
  });
}
// #endregion

export async function sendToPartner(message: IntegrationMessage) {
  const handled = new Set<string>();
  const server = partnerEndpoint('whsec_partner', handled);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/strata`;
  // #region subscribe
  const webhookStore = new MemoryWebhookStore(); // or new PostgresWebhookStore(pool)
  await webhookStore.save({
    id: 'partner-1',
    url,
    eventTypes: ['loyalty.>'], // types or patterns
    secret: 'whsec_partner',
    tenantId: 'acme', // optional: only this tenant's messages
  });
  const webhooks = new WebhookPublisher({
    store: webhookStore,
    retry: { maxAttempts: 6, initialDelayMs: 1_000, maxDelayMs: 300_000, factor: 3 },
    timeoutMs: 10_000,
    breaker: new CircuitBreaker({ failureThreshold: 5, cooldownMs: 30_000 }),
  });
  // Give it to the relay beside the other publishers: publishers: [bus, webhooks]
  // #endregion
  await webhooks.publish(message);
  await webhooks.publish(message); // a redelivery: the partner deduplicates
  await webhooks.publish({ ...message, id: 'other-tenant', tenantId: 'globex' });

  // #region dead-letters
  for (const letter of await webhookStore.deadLetters()) {
    console.log(letter.id, letter.target, letter.attempts, letter.error.message);
    // after the partner fixed their endpoint:
    await webhooks.redeliver(letter.id); // true when delivered (and removed)
  }
  // #endregion
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { handled, deadLetters: await webhookStore.deadLetters() };
}
