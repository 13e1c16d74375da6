import { describe, expect, it } from 'vitest';
import { SagaDefinitionError } from '../errors/saga-definition-error.js';
import { OrderPlaced, ShippingSlotBooked } from '../test-support/events.js';
import { DEFAULT_RETRY, defineSaga, sagaCategory } from './define-saga.js';

const run = () => Promise.resolve('ok');
const base = { startedBy: OrderPlaced, correlate: () => 'x' } as const;

describe('defineSaga', () => {
  it('derives a one-word stream category from the name, so $ce-<category> lists the instances', () => {
    expect(sagaCategory('place-order')).toBe('sagaPlaceOrder');
    expect(sagaCategory('ab-c')).not.toBe(sagaCategory('a-bc'));
    const saga = defineSaga({ ...base, name: 'place-order', steps: [{ name: 'a', run }] });
    expect(saga.category).toBe('sagaPlaceOrder');
    expect(saga.category).not.toContain('-');
  });

  it('fills the retry policy and timeout with defaults, keeping what was given', () => {
    const saga = defineSaga({ ...base, name: 's', steps: [{ name: 'a', run }], retry: { maxAttempts: 5 } });
    expect(saga.retry).toEqual({ ...DEFAULT_RETRY, maxAttempts: 5 });
    expect(saga.timeoutMs).toBe(30_000);
  });

  it.each([
    ['an upper-case name', { name: 'PlaceOrder', steps: [{ name: 'a', run }] }, 'lower-case words'],
    ['a word starting with a digit', { name: 'order-2', steps: [{ name: 'a', run }] }, 'lower-case words'],
    ['no steps', { name: 's', steps: [] }, 'at least one step'],
    [
      'a duplicate step',
      {
        name: 's',
        steps: [
          { name: 'a', run },
          { name: 'a', run },
        ],
      },
      'used twice',
    ],
    ['a step with neither run nor waitFor', { name: 's', steps: [{ name: 'a' }] }, 'needs run'],
    [
      'a waitFor step without timeout',
      { name: 's', steps: [{ name: 'a', waitFor: ShippingSlotBooked }] },
      'timeoutMs > 0',
    ],
    ['zero attempts', { name: 's', steps: [{ name: 'a', run }], retry: { maxAttempts: 0 } }, 'maxAttempts'],
    ['a negative timeout', { name: 's', steps: [{ name: 'a', run, timeoutMs: -1 }] }, 'timeoutMs'],
  ])('rejects %s', (_, spec, problem) => {
    const define = () => defineSaga({ ...base, ...spec });
    expect(define).toThrow(SagaDefinitionError);
    expect(define).toThrow(problem);
  });
});
