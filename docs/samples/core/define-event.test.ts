import { EventValidationError } from '@strata/core';
import { describe, expect, it } from 'vitest';
import {
  RewardCreated,
  TierDefined,
  createAndNarrow,
  definitionErrors,
  parseOldVersions,
} from './define-event.js';

describe('core: defineEvent', () => {
  it('describes the definition', () => {
    expect(RewardCreated.type).toBe('reward.created');
    expect(RewardCreated.version).toBe(1);
    expect(TierDefined.version).toBe(3);
    expect(TierDefined.upcastsFrom).toEqual([1, 2]);
  });

  it('create validates, fills defaults and keeps metadata; is narrows', () => {
    const { event, costs } = createAndNarrow();
    expect(event).toEqual({
      type: 'reward.created',
      data: { rewardId: 'r-1', title: 'Free coffee', cost: 50, stock: 0 },
      metadata: { userId: 'u-7' },
      schemaVersion: 1,
    });
    expect(costs).toEqual([50]);
    expect(() => RewardCreated.create({ rewardId: 'r', title: '', cost: 1 })).toThrow(EventValidationError);
  });

  it('parse upcasts along the chain and validates', () => {
    const current = parseOldVersions();
    expect(current.data).toEqual({ tierId: 't-1', title: 'Gold', threshold: 500, currency: 'EUR' });
    expect(current.schemaVersion).toBe(3);
    expect(current.metadata).toEqual({});
    let error: unknown;
    try {
      TierDefined.parse({ data: { tierId: 't' }, schemaVersion: 3, streamId: 'tier-1', revision: 4n });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EventValidationError);
    expect((error as EventValidationError).issues.map((i) => i.path.join('.'))).toEqual([
      'title',
      'threshold',
      'currency',
    ]);
    expect((error as EventValidationError).location).toEqual({ streamId: 'tier-1', revision: 4n });
    expect(() => TierDefined.parse({ data: {}, schemaVersion: 4 })).toThrow(
      /newer than this reader's version 3/,
    );
  });

  it('a gap in the upcaster chain is an error at definition time', () => {
    const [message] = definitionErrors();
    expect(message).toBe(
      "Event definition 'loyalty.tier.defined': the upcaster chain to version 3 has no step from version 2 to 3",
    );
    expect(() => TierDefined.parse({ data: {}, schemaVersion: 0 })).toThrow(EventValidationError);
    expect(() => RewardCreated.parse({ type: 'reward.fulfilled', data: {} })).toThrow(/expected type/);
  });
});
