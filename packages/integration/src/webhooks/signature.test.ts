import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookSignatureError } from '../errors/integration-errors.js';
import { signWebhook, verifyWebhookSignature } from './signature.js';

const now = 1_700_000_000;
const at = { now: () => now * 1000 };

function reason(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookSignatureError);
    return (error as WebhookSignatureError).reason;
  }
}

describe('webhook signatures', () => {
  it('verifies a signed body and returns the timestamp and event id, from node or fetch headers', () => {
    const body = '{"id":"m-1"}';
    const signature = signWebhook('s3cret', body, now);
    expect(signature).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
    expect(
      verifyWebhookSignature(
        's3cret',
        { 'X-Strata-Signature': signature, 'x-strata-event-id': 'm-1' },
        body,
        at,
      ),
    ).toEqual({
      timestamp: now,
      eventId: 'm-1',
    });
    const headers = new Headers({ 'x-strata-signature': signature });
    expect(verifyWebhookSignature('s3cret', headers, Buffer.from(body), at).timestamp).toBe(now);
  });

  it('rejects a forged signature, a tampered body, and stale or future timestamps', () => {
    const body = '{"n":1}';
    const good = signWebhook('s3cret', body, now);
    expect(reason(() => verifyWebhookSignature('other', { 'x-strata-signature': good }, body, at))).toBe(
      'mismatch',
    );
    expect(
      reason(() => verifyWebhookSignature('s3cret', { 'x-strata-signature': good }, '{"n":2}', at)),
    ).toBe('mismatch');
    const old = signWebhook('s3cret', body, now - 301);
    expect(reason(() => verifyWebhookSignature('s3cret', { 'x-strata-signature': old }, body, at))).toBe(
      'stale',
    );
    expect(
      verifyWebhookSignature('s3cret', { 'x-strata-signature': old }, body, { ...at, toleranceSeconds: 400 })
        .timestamp,
    ).toBe(now - 301);
    const future = signWebhook('s3cret', body, now + 301);
    expect(reason(() => verifyWebhookSignature('s3cret', { 'x-strata-signature': future }, body, at))).toBe(
      'stale',
    );
  });

  it('rejects missing and malformed headers, and accepts any of several v1 during a rotation', () => {
    const body = 'x';
    const v1 = signWebhook('new', body, now).split(',')[1]!;
    const oldV1 = signWebhook('old', body, now).split(',')[1]!;
    const check = (header: string | undefined) =>
      reason(() =>
        verifyWebhookSignature('new', header === undefined ? {} : { 'x-strata-signature': header }, body, at),
      );
    expect(check(undefined)).toBe('missing');
    expect(check('')).toBe('missing');
    expect(check('garbage')).toBe('malformed');
    expect(check(`t=abc,${v1}`)).toBe('malformed');
    expect(check(`t=${now},t=${now},${v1}`)).toBe('malformed');
    expect(check(`t=${now},v1=zz`)).toBe('malformed');
    expect(check(`t=${now}`)).toBe('malformed');
    expect(check(v1)).toBe('malformed');
    expect(check(`t=${now},${oldV1},${v1}`)).toBeUndefined();
  });

  it('property: a signature verifies for exactly its own secret and body', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.string(), (secret, body, other) => {
        const header = { 'x-strata-signature': signWebhook(secret, body, now) };
        expect(reason(() => verifyWebhookSignature(secret, header, body, at))).toBeUndefined();
        if (other !== body)
          expect(reason(() => verifyWebhookSignature(secret, header, other, at))).toBe('mismatch');
        expect(reason(() => verifyWebhookSignature(`${secret}x`, header, body, at))).toBe('mismatch');
      }),
    );
  });
});
