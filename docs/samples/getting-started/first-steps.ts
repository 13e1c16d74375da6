import { ConcurrencyError, DomainError, Repository, createEventStore } from '@strata/core';
import { LoyaltyAccount } from './loyalty-account.js';

/** The getting-started walkthrough; returns what it printed so its test can check the story. */
export async function firstSteps(log: (line: string) => void = console.log): Promise<void> {
  // #region repository
  const store = createEventStore('memory:');
  const accounts = new Repository(store, LoyaltyAccount);
  // #endregion

  // #region create
  const account = accounts.create('a-1'); // no stream yet: version is -1n
  account.enrol('gold-club');
  account.earn(100, 'signup bonus');
  log(`${account.uncommittedEvents.length} new events, balance ${account.state.balance}`);

  const saved = await accounts.save(account); // appends with expectedRevision 'no_stream'
  log(`saved ${saved.appended} events; version ${saved.version}`);
  // #endregion

  // #region load
  const loaded = await accounts.load('a-1'); // replays loyaltyAccount-a-1
  log(`loaded: balance ${loaded.state.balance}, version ${loaded.version}`);
  // #endregion

  // #region update
  const { aggregate } = await accounts.update('a-1', (a) => a.redeem(30), { retries: 3 });
  log(`after redeeming: balance ${aggregate.state.balance}`);
  // #endregion

  // #region domain-error
  try {
    await accounts.update('a-1', (a) => a.redeem(1_000));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    log(`refused: ${error.code} (${error.message})`); // nothing was written
  }
  // #endregion

  // #region concurrency-error
  const alice = await accounts.load('a-1');
  const bob = await accounts.load('a-1');
  alice.earn(5, 'review');
  bob.earn(7, 'referral');
  await accounts.save(alice);
  try {
    await accounts.save(bob); // bob read version 2, but alice wrote revision 3 first
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    log(`conflict on ${error.streamId}: expected ${error.expectedRevision}, found ${error.actualRevision}`);
  }
  // #endregion

  // #region read-stream
  for await (const event of store.readStream('loyaltyAccount-a-1')) {
    log(`#${event.revision} ${event.type} ${JSON.stringify(event.data)}`);
  }
  // #endregion

  await store.close();
}
