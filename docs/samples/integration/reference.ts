// Smaller parts of @strata/integration's API; reference.test.ts runs them.
import { MemoryEventStore, toArray } from '@strata/core';
import { messageFromJson, messageIdOf, messageToJson } from '@strata/integration';
import { PointsEarned, loyaltyOut } from './relay.js';

// #region sign
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from '@strata/integration';

const body = JSON.stringify({ type: 'loyalty.points-awarded.v1', data: { accountId: 'a-1', points: 10 } });
const timestamp = Math.floor(Date.now() / 1000);
// What the WebhookPublisher sends; a test of your receiver can sign requests the same way.
const headers = {
  [SIGNATURE_HEADER]: signWebhook('whsec_partner', body, timestamp), // 't=<seconds>,v1=<hex HMAC-SHA256>'
  [EVENT_ID_HEADER]: 'message-1',
};
const verified = verifyWebhookSignature('whsec_partner', headers, body); // { timestamp, eventId: 'message-1' }
// #endregion sign

export { headers, verified };

// #region pattern
import { compilePattern } from '@strata/integration';

const loyalty = compilePattern('loyalty.>'); // the bus's and webhooks' matching, as a function
loyalty('loyalty.points-awarded.v1'); // true: '>' is one or more tokens at the end
compilePattern('loyalty.*.v1')('loyalty.points-awarded.v1'); // true: '*' is exactly one token
compilePattern('loyalty.*')('loyalty.points-awarded.v1'); // false
// #endregion pattern

export const matches = [
  loyalty('loyalty.points-awarded.v1'),
  compilePattern('loyalty.*.v1')('loyalty.points-awarded.v1'),
  compilePattern('loyalty.*')('loyalty.points-awarded.v1'),
];

export async function mapped() {
  const store = new MemoryEventStore();
  await store.append('loyaltyAccount-a-1', [
    PointsEarned.create({ accountId: 'a-1', points: 10, reason: 'signup' }),
  ]);
  const [event] = await toArray(store.readAll());
  // #region map
  // What the relay does for each event: the mapping's messages, validated, with stable ids.
  const [message] = loyaltyOut.map(event!);
  const sameId = messageIdOf(event!.eventId, 0, 'loyalty.points-awarded.v1'); // === message.id
  const wire = messageToJson(message!); // the position as a string, for JSON
  const back = messageFromJson(JSON.parse(JSON.stringify(wire)) as typeof wire); // deeply equal to message
  // #endregion map
  return { message, sameId, back, types: loyaltyOut.eventTypes };
}

// #region breaker
import { CircuitBreaker } from '@strata/integration';

const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 30_000 });
breaker.failure('https://partner.example/hooks');
breaker.failure('https://partner.example/hooks');
breaker.state('https://partner.example/hooks'); // 'open': enter() now throws CircuitOpenError
breaker.state('https://other.example/hooks'); // 'closed': endpoints are independent
// #endregion breaker

export { breaker };
