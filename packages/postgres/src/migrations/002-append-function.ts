import type { SchemaNames } from '../schema/schema-names.js';

/**
 * The append, as one function so a batch is one round trip. It takes the schema's append lock
 * first: positions are then drawn in commit order, so every reader's snapshot holds a prefix
 * of the log and `readAll`/`subscribe` can never pass an event that commits later (see
 * docs/stores/postgres.md, "Gap-free order").
 *
 * It writes only when the expected revision holds and the batch is not a repeat of one that
 * landed; otherwise it returns the facts (current revision, where the batch's ids already
 * are) and core's `findIdempotentWrite`/`checkExpectedRevision` decide, as for every store.
 */
export function appendFunction({ q, channel, sequence, appendLock }: SchemaNames): string {
  return `
create or replace function ${q}append_events(
  p_stream text, p_mode text, p_expected bigint, p_recorded_at timestamptz,
  p_ids text[], p_types text[], p_versions integer[], p_data text[], p_metadata text[], p_escaped boolean[]
) returns table (
  written boolean, revision bigint, last_position bigint,
  found_ids text[], found_revisions bigint[], found_positions bigint[]
) language plpgsql as $fn$
declare
  v_current bigint;
  v_last bigint;
  v_ok boolean;
begin
  perform pg_advisory_xact_lock(${appendLock.toString()});
  select s.revision into v_current from ${q}streams s where s.stream_id = p_stream;
  if not found then v_current := -1; end if;
  v_ok := p_mode = 'any'
    or (p_mode = 'no_stream' and v_current = -1)
    or (p_mode = 'stream_exists' and v_current <> -1)
    or (p_mode = 'exact' and p_expected = v_current);
  if v_ok and (v_current = -1 or p_mode = 'exact' or not exists (
      select 1 from ${q}events e where e.stream_id = p_stream and e.event_id = p_ids[1])) then
    insert into ${q}events
      (position, stream_id, revision, event_id, type, schema_version, data, metadata, nul_escaped, recorded_at)
    select nextval(${sequence}), p_stream, v_current + t.ord, t.id, t.type, t.version,
           t.data::jsonb, t.metadata::jsonb, t.escaped, p_recorded_at
      from unnest(p_ids, p_types, p_versions, p_data, p_metadata, p_escaped)
           with ordinality as t(id, type, version, data, metadata, escaped, ord);
    v_last := currval(${sequence});
    insert into ${q}streams as s (stream_id, revision, position)
      values (p_stream, v_current + cardinality(p_ids), v_last)
      on conflict (stream_id) do update set revision = excluded.revision, position = excluded.position;
    perform pg_notify('${channel}', v_last::text);
    return query select true, v_current + cardinality(p_ids), v_last,
      null::text[], null::bigint[], null::bigint[];
  else
    return query select false, v_current,
      (select s.position from ${q}streams s where s.stream_id = p_stream),
      array_agg(e.event_id), array_agg(e.revision), array_agg(e.position)
      from ${q}events e where e.stream_id = p_stream and e.event_id = any(p_ids);
  end if;
end
$fn$;
`;
}
