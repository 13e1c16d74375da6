import { describe, expect, it } from 'vitest';
import { category, defaults, oneStep, streamId } from './reference.js';

describe('sagas: smaller parts of the API', () => {
  it('names categories and streams, and states the defaults', () => {
    expect(category).toBe('sagaPlaceOrder');
    expect(streamId).toBe('sagaPlaceOrder-o-1');
    expect(defaults).toEqual({
      retry: { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5000 },
      timeoutMs: 30000,
    });
  });

  it('reads a saga stream as SagaEvents', async () => {
    expect(await oneStep()).toEqual([
      'saga.started',
      'saga.step.started',
      'saga.step.completed',
      'saga.completed',
      'true',
    ]);
  });
});
