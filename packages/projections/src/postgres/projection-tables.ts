import type { PostgresTransaction } from '@strata/postgres';
import { quote } from './identifiers.js';

/**
 * The target's own tables, made on first use under an advisory lock (two runners starting at
 * once do not race on `create table if not exists`).
 */
export async function createProjectionTables(tx: PostgresTransaction, schema: string): Promise<void> {
  const s = quote(schema);
  await tx.query(`select pg_advisory_xact_lock(hashtext($1))`, [`strata.projections:${schema}`]);
  await tx.query(`create schema if not exists ${s}`);
  await tx.query(`create table if not exists ${s}.projection_builds (
    name text not null,
    version integer not null,
    generation integer not null,
    state text not null check (state in ('building', 'active', 'retired')),
    created_at timestamptz not null default now(),
    primary key (name, version, generation))`);
  // At most one active build per projection: the switch is one transaction of two updates.
  await tx.query(
    `create unique index if not exists projection_builds_one_active on ${s}.projection_builds (name) where state = 'active'`,
  );
  await tx.query(`create table if not exists ${s}.projection_dead_letters (
    id text primary key,
    projection text not null,
    version integer not null,
    generation integer not null,
    position bigint not null,
    event jsonb not null,
    error jsonb not null,
    attempts integer not null,
    failed_at timestamptz not null)`);
  await tx.query(`create table if not exists ${s}.projection_leases (
    key text primary key,
    owner text not null,
    expires_at timestamptz not null)`);
}
