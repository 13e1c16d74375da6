import { PointsEarned } from '../getting-started/loyalty-account.js';
import { DeadLetterNotFoundError, ProjectionNotFoundError } from '@strata/projections';
import { describe, expect, it } from 'vitest';
import { auditTrail, lookups, name } from './reference.js';

describe('projections: smaller parts of the API', () => {
  it('checkpointName names a build', () => {
    expect(name).toBe('projection:account-balances:v2.0');
  });

  it('a definer types handlers for its context', async () => {
    const lines: string[] = [];
    const context = {
      documents: () => {
        throw new Error('unused');
      },
      audit: (line: string) => lines.push(line),
    };
    const recorded = (event: ReturnType<typeof PointsEarned.create>, position: bigint) => ({
      ...event,
      eventId: `e-${position}`,
      streamId: 'loyaltyAccount-a-1',
      revision: position,
      position,
      recordedAt: new Date(0),
      schemaVersion: 1,
    });
    expect(auditTrail.eventTypes).toEqual(['loyalty.points.earned']);
    await auditTrail.handle(
      recorded(PointsEarned.create({ accountId: 'a-1', points: 5, reason: 'x' }), 1n),
      context,
    );
    expect(lines).toEqual(['a-1 +5']);
  });

  it('unknown projections and dead letters are typed errors', async () => {
    const [notFound, noLetter] = await lookups();
    expect(notFound).toBeInstanceOf(ProjectionNotFoundError);
    expect((notFound as Error).message).toContain('account-balances');
    expect(noLetter).toBeInstanceOf(DeadLetterNotFoundError);
  });
});
