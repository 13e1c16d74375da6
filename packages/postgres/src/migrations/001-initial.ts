import type { SchemaNames } from '../schema/schema-names.js';

/**
 * Streams, events, checkpoints and snapshots. Positions start at 0 like the memory store's.
 * `nul_escaped` marks a row whose data and metadata are kept as JSON text inside a jsonb
 * string, because jsonb cannot hold the `\u0000` their JSON contains.
 */
export function initialSchema({ q }: SchemaNames): string {
  return `
create sequence ${q}events_position_seq as bigint minvalue 0 start 0;

create table ${q}streams (
  stream_id text primary key,
  revision bigint not null,
  position bigint not null
);

create table ${q}events (
  position bigint primary key,
  stream_id text not null,
  revision bigint not null,
  event_id text not null,
  type text not null,
  schema_version integer not null,
  data jsonb not null,
  metadata jsonb not null,
  nul_escaped boolean not null default false,
  recorded_at timestamptz not null,
  unique (stream_id, revision)
);
create index on ${q}events (stream_id, event_id);

create table ${q}checkpoints (
  name text primary key,
  position bigint not null,
  updated_at timestamptz not null default now()
);

create table ${q}snapshots (
  stream_id text primary key,
  version bigint not null,
  schema_version integer not null,
  state jsonb not null,
  nul_escaped boolean not null default false,
  taken_at timestamptz not null
);
`;
}
