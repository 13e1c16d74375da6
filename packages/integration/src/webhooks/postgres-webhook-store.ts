import {
  messageFromJson,
  messageToJson,
  type IntegrationMessageJson,
} from '../message/integration-message.js';
import { once, quoteIdent, type SqlClient } from '../sql/sql-client.js';
import type { WebhookDeadLetter, WebhookStore, WebhookSubscription } from './webhook-store.js';

interface SubscriptionRow {
  id: string;
  url: string;
  event_types: string[];
  secret: string;
  tenant_id: string | null;
}

interface DeadLetterRow {
  id: string;
  subscription_id: string;
  target: string;
  message: IntegrationMessageJson;
  attempts: number;
  error: WebhookDeadLetter['error'];
  failed_at: Date | string;
}

/** Subscriptions and dead letters in `<schema>.strata_webhook_subscriptions` / `…_dead_letters`. */
export class PostgresWebhookStore implements WebhookStore {
  readonly #sql: SqlClient;
  readonly #subscriptions: string;
  readonly #letters: string;
  readonly #ready: () => Promise<void>;

  constructor(sql: SqlClient, options: { readonly schema?: string } = {}) {
    this.#sql = sql;
    const schema = quoteIdent(options.schema ?? 'strata');
    this.#subscriptions = `${schema}.strata_webhook_subscriptions`;
    this.#letters = `${schema}.strata_webhook_dead_letters`;
    this.#ready = once(async () => {
      await sql.query(`create schema if not exists ${schema}`);
      await sql.query(
        `create table if not exists ${this.#subscriptions} (id text primary key, url text not null,
           event_types text[] not null, secret text not null, tenant_id text)`,
      );
      await sql.query(
        `create table if not exists ${this.#letters} (id text primary key, subscription_id text not null,
           target text not null, message jsonb not null, attempts integer not null, error jsonb not null,
           failed_at timestamptz not null)`,
      );
    });
  }

  async save(s: WebhookSubscription): Promise<void> {
    await this.#ready();
    await this.#sql.query(
      `insert into ${this.#subscriptions} (id, url, event_types, secret, tenant_id) values ($1, $2, $3, $4, $5)
       on conflict (id) do update set url = excluded.url, event_types = excluded.event_types,
         secret = excluded.secret, tenant_id = excluded.tenant_id`,
      [s.id, s.url, [...s.eventTypes], s.secret, s.tenantId ?? null],
    );
  }

  async remove(id: string): Promise<void> {
    await this.#ready();
    await this.#sql.query(`delete from ${this.#subscriptions} where id = $1`, [id]);
  }

  async get(id: string): Promise<WebhookSubscription | undefined> {
    await this.#ready();
    const { rows } = await this.#sql.query(`select * from ${this.#subscriptions} where id = $1`, [id]);
    const row = rows[0] as SubscriptionRow | undefined;
    return row && toSubscription(row);
  }

  async list(): Promise<WebhookSubscription[]> {
    await this.#ready();
    const { rows } = await this.#sql.query(`select * from ${this.#subscriptions} order by id`);
    return (rows as SubscriptionRow[]).map(toSubscription);
  }

  async addDeadLetter(letter: WebhookDeadLetter): Promise<void> {
    await this.#ready();
    await this.#sql.query(
      `insert into ${this.#letters} (id, subscription_id, target, message, attempts, error, failed_at)
       values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (id) do update set attempts = excluded.attempts, error = excluded.error, failed_at = excluded.failed_at`,
      [
        letter.id,
        letter.subscriptionId,
        letter.target,
        JSON.stringify(messageToJson(letter.message)),
        letter.attempts,
        JSON.stringify(letter.error),
        letter.failedAt,
      ],
    );
  }

  async deadLetters(): Promise<WebhookDeadLetter[]> {
    await this.#ready();
    const { rows } = await this.#sql.query(`select * from ${this.#letters} order by failed_at, id`);
    return (rows as DeadLetterRow[]).map((row) => ({
      id: row.id,
      subscriptionId: row.subscription_id,
      target: row.target,
      message: messageFromJson(row.message),
      attempts: row.attempts,
      error: row.error,
      failedAt: new Date(row.failed_at),
    }));
  }

  async removeDeadLetter(id: string): Promise<void> {
    await this.#ready();
    await this.#sql.query(`delete from ${this.#letters} where id = $1`, [id]);
  }
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    eventTypes: row.event_types,
    secret: row.secret,
    ...(row.tenant_id !== null ? { tenantId: row.tenant_id } : {}),
  };
}
