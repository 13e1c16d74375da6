import type { SchemaNames } from '../schema/schema-names.js';

/**
 * Several appends, to any streams, as one statement: the store's group commit sends the
 * appends that queued while the previous one was in flight in a single call, so they share
 * one round trip, one hold of the append lock and one commit (one WAL flush) instead of
 * queueing on the lock one commit at a time.
 *
 * The events of all appends come flattened; `p_counts[i]` says how many belong to append `i`.
 * Each append runs `append_events` as if alone, in order, so later appends see earlier ones;
 * one row comes back per append, numbered by `ord`. A declined append (conflict, repeat)
 * declines alone; an error aborts the statement and so the whole batch, which the store then
 * retries append by append.
 */
export function appendBatchFunction({ q }: SchemaNames): string {
  return `
create or replace function ${q}append_events_batch(
  p_streams text[], p_modes text[], p_expected bigint[], p_counts integer[], p_recorded_at timestamptz,
  p_ids text[], p_types text[], p_versions integer[], p_data text[], p_metadata text[], p_escaped boolean[]
) returns table (
  ord integer, written boolean, revision bigint, last_position bigint,
  found_ids text[], found_revisions bigint[], found_positions bigint[]
) language plpgsql as $fn$
declare
  v_from integer := 1;
  v_to integer;
begin
  for i in 1 .. cardinality(p_streams) loop
    v_to := v_from + p_counts[i] - 1;
    return query select i, r.written, r.revision, r.last_position, r.found_ids, r.found_revisions, r.found_positions
      from ${q}append_events(p_streams[i], p_modes[i], p_expected[i], p_recorded_at,
        p_ids[v_from:v_to], p_types[v_from:v_to], p_versions[v_from:v_to],
        p_data[v_from:v_to], p_metadata[v_from:v_to], p_escaped[v_from:v_to]) r;
    v_from := v_to + 1;
  end loop;
end
$fn$;
`;
}
