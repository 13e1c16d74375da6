import { MemoryCheckpointStore, MemoryEventStore } from '@strata/core';
import { defineProjection, MemoryReadModelTarget, ProjectionRunner } from '@strata/projections';
import { AccountEvents } from '../getting-started/loyalty-account.js';

export const store = new MemoryEventStore();
export const sent: string[] = [];
export let mailerUp = false;
export const setMailerUp = (up: boolean) => void (mailerUp = up);

// #region on-error
const welcomeMails = defineProjection({
  name: 'welcome-mails',
  version: 1,
  onError: 'dead-letter', // after the retries: park the event, go on ('stop' fails this projection)
  retry: { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 10_000 }, // the defaults
  events: AccountEvents,
  handlers: {
    'loyalty.customer.enrolled': async (event) => {
      if (!mailerUp) throw new Error('mailer unavailable');
      sent.push(event.data.accountId);
    },
  },
});
// #endregion

export const runner = new ProjectionRunner({
  store,
  checkpoints: new MemoryCheckpointStore(),
  target: new MemoryReadModelTarget(),
  projections: [welcomeMails],
  sleep: async () => undefined, // no waiting in the sample's test
});

export async function operate(): Promise<string[]> {
  await runner.catchUp();
  setMailerUp(true);
  // #region dead-letters
  for (const letter of await runner.deadLetters('welcome-mails')) {
    console.log(
      `${letter.event.type} at ${letter.event.position}: ${letter.error.message} (${letter.attempts} attempts)`,
    );
    if (letter.event.streamId.startsWith('loyaltyAccount-test-')) await runner.discardDeadLetter(letter.id);
    else await runner.retryDeadLetter(letter.id); // applies it; rejects and keeps it if it fails again
  }
  // #endregion
  return sent;
}
