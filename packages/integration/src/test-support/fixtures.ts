import { defineEvent, type RecordedEvent } from '@strata/core';
import { z } from 'zod';
import { defineMapping, emit } from '../message/define-mapping.js';
import { defineMessage } from '../message/define-message.js';

export const PointsEarned = defineEvent(
  'loyalty.points.earned',
  z.object({ accountId: z.string(), points: z.number().int().positive(), reason: z.string() }),
);
export const AccountClosed = defineEvent('loyalty.account.closed', z.object({ accountId: z.string() }));
export const Internal = defineEvent('loyalty.internal.noted', z.object({ note: z.string() }));

export const PointsAwarded = defineMessage(
  'loyalty.points-awarded.v1',
  z.object({ accountId: z.string(), points: z.number().int() }),
);
export const AccountArchived = defineMessage(
  'loyalty.account-archived.v1',
  z.object({ accountId: z.string() }),
);
export const Audit = defineMessage('audit.recorded.v1', z.object({ what: z.string() }));

export const loyaltyMapping = defineMapping('loyalty')
  .on(
    PointsEarned,
    (event) => emit(PointsAwarded, { accountId: event.data.accountId, points: event.data.points }),
    [PointsAwarded],
  )
  .on(
    AccountClosed,
    (event) => [
      emit(
        AccountArchived,
        { accountId: event.data.accountId },
        { idempotencyKey: `archive-${event.data.accountId}` },
      ),
      emit(Audit, { what: `closed ${event.data.accountId}` }, { subject: 'audit.loyalty' }),
    ],
    [AccountArchived, Audit],
  );

let seq = 0;
/** A recorded event as a store would hand it over. */
export function recorded(type: string, data: unknown, metadata: Record<string, unknown> = {}): RecordedEvent {
  seq++;
  return {
    eventId: `00000000-0000-4000-8000-${seq.toString().padStart(12, '0')}`,
    streamId: 'loyaltyAccount-a-1',
    revision: BigInt(seq),
    position: BigInt(seq),
    recordedAt: new Date('2024-01-01T00:00:00Z'),
    schemaVersion: 1,
    type,
    data,
    metadata,
  };
}

/** Resolves sleeps at once and remembers the delays asked for. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: (ms) => (delays.push(ms), Promise.resolve()) };
}

export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}
