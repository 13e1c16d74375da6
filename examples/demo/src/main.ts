// `pnpm demo`: a walk through Strata on the loyalty domain. `--store <url>` picks the store.
import {
  ConcurrencyError,
  DomainError,
  Repository,
  createEventStore,
  forTenant,
  toArray,
  type EventStore,
} from '@strata/core';
import '@strata/postgres';
import { AccountEvents } from '@strata/example-loyalty';
import { LoyaltyAccount } from '@strata/example-loyalty';
import { heading, say, table } from './narrator.js';

function storeUrl(argv: readonly string[]): string {
  const at = argv.indexOf('--store');
  // The default is embedded PostgreSQL (PGlite, in memory): a real database with no set-up.
  return at === -1 ? 'pglite:' : (argv[at + 1] ?? 'pglite:');
}

async function balances(store: EventStore) {
  const rows = new Map<string, { account: string; balance: number; tier: string }>();
  for await (const event of store.readAll({ filter: { category: 'loyaltyAccount' } })) {
    const decoded = AccountEvents.decode(event);
    const row = rows.get(decoded.streamId) ?? {
      account: decoded.streamId.slice('loyaltyAccount-'.length),
      balance: 0,
      tier: 'basic',
    };
    const data = decoded.data as { points?: number; to?: string };
    if (decoded.type === 'loyalty.points.earned') row.balance += data.points ?? 0;
    if (decoded.type === 'loyalty.points.redeemed') row.balance -= data.points ?? 0;
    if (decoded.type === 'loyalty.tier.upgraded') row.tier = data.to ?? row.tier;
    rows.set(decoded.streamId, row);
  }
  return [...rows.values()];
}

async function main(): Promise<void> {
  const url = storeUrl(process.argv.slice(2));
  const store = createEventStore(url, { events: AccountEvents });
  const accounts = new Repository(store, LoyaltyAccount, { snapshotEvery: 50 });
  say(`Strata demo on '${url}'`);

  heading('Customers enrol and earn');
  for (const [id, program] of [
    ['alice', 'coffee-club'],
    ['bob', 'coffee-club'],
  ] as const) {
    const account = accounts.create(id);
    account.enrol(program);
    account.earn(100, 'welcome bonus');
    await accounts.save(account, { metadata: { correlationId: `signup-${id}`, userId: 'demo' } });
    say(
      `${id} enrolled in ${program} with 100 points (stream loyaltyAccount-${id}, version ${account.version})`,
    );
  }

  heading('A tier upgrade');
  const { aggregate: alice } = await accounts.update('alice', (a) => a.earn(450, 'big order'));
  say(
    `alice earned 450 points: lifetime ${alice.state.lifetimePoints}, tier upgraded to ${alice.state.tier}`,
  );

  heading('A redemption refused by a domain rule');
  try {
    await accounts.update('bob', (b) => b.redeem(1000, 'espresso-machine'));
    throw new Error('the redemption should have been refused');
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    say(`bob cannot redeem 1000 points: DomainError ${error.code}: ${error.message}`);
  }

  heading('Two concurrent updates');
  const first = await accounts.load('bob');
  const second = await accounts.load('bob');
  first.earn(10, 'till 1');
  second.earn(20, 'till 2');
  await accounts.save(first);
  say('till 1 saved bob +10 at version ' + first.version.toString());
  try {
    await accounts.save(second);
    throw new Error('the second save should have conflicted');
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    say(
      `till 2 hit ConcurrencyError: expected revision ${String(error.expectedRevision)}, stream at ${error.actualRevision}`,
    );
  }
  const retried = await accounts.update('bob', (b) => b.earn(20, 'till 2'), { retries: 3 });
  say(`till 2 retried with update(): bob now has ${retried.aggregate.state.balance} points`);

  heading('An event written by an older version of the app');
  await store.append('loyaltyAccount-carol', [
    { type: 'loyalty.customer.enrolled', data: { accountId: 'carol', programId: 'coffee-club' } },
    { type: 'loyalty.points.earned', data: { accountId: 'carol', points: 30 }, schemaVersion: 1 },
  ]);
  const carol = await accounts.load('carol');
  say(`carol's v1 'points earned' event was upcast on load: balance ${carol.state.balance}`);

  heading('Read model: balances (a fold over readAll)');
  table(await balances(store));

  heading('Tenants never see each other');
  const acme = new Repository(forTenant(store, 'acme'), LoyaltyAccount);
  const globex = new Repository(forTenant(store, 'globex'), LoyaltyAccount);
  const dave = acme.create('dave');
  dave.enrol('acme-rewards');
  await acme.save(dave);
  say(
    `acme sees dave: ${(await acme.find('dave')) !== undefined}; globex sees dave: ${(await globex.find('dave')) !== undefined}`,
  );

  heading('What is stored');
  const all = await toArray(store.readAll());
  const streams = new Map<string, number>();
  for (const event of all) streams.set(event.streamId, (streams.get(event.streamId) ?? 0) + 1);
  table([...streams].map(([stream, events]) => ({ stream, events })));
  const last = all[all.length - 1];
  say(
    `${all.length} events in ${streams.size} streams; positions ${all[0]?.position ?? '-'}..${last?.position ?? '-'}`,
  );
  await store.close();
  say();
  say('Demo finished.');
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
