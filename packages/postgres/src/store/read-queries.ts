import type { EventFilter } from '@strata/core';
import type { SchemaNames } from '../schema/schema-names.js';
import { EVENT_SELECT, STREAM_EVENT_SELECT } from './event-row.js';
import { textProblem } from './json-column.js';

const MAX_BIGINT = '9223372036854775807';

/**
 * The filter as SQL over `e`, parameters numbered from `first`. A string PostgreSQL text
 * cannot hold matches no stored name, so it becomes `false` rather than a driver error.
 */
function filterSql(filter: EventFilter | undefined, first: number): { sql: string; params: unknown[] } {
  if (!filter) return { sql: '', params: [] };
  const parts: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => `$${first + params.push(value) - 1}`;
  const prefix = (value: string) =>
    textProblem(value) ? 'false' : `starts_with(e.stream_id, ${param(value)})`;
  if (filter.streamPrefix !== undefined) parts.push(prefix(filter.streamPrefix));
  if (filter.category !== undefined) parts.push(prefix(`${filter.category}-`));
  if (filter.eventTypes !== undefined) {
    const possible = filter.eventTypes.filter((type) => textProblem(type) === undefined);
    parts.push(`e.type = any(${param(possible)}::text[])`);
  }
  return { sql: parts.map((part) => ` and ${part}`).join(''), params };
}

/**
 * One page of the log from `from`, at most `limit` rows, never past `bound` (when given), with
 * the head (the highest committed position) from the same snapshot. Rows are read as arrays:
 * the head, then `EVENT_SELECT`'s columns (all null but the head when nothing matched).
 * Because positions are drawn under the append lock, that snapshot holds every event up to the
 * head: a reader that moves its cursor to `head + 1` after a short page cannot pass an event
 * committed later.
 *
 * `before` (exclusive) caps the positions one statement may scan. Every read needs it: the
 * planner cannot know how many rows a filter keeps, nor, before a new table's first analyze,
 * how many lie between `from` and the head, and when it guesses few it fetches and sorts
 * every one of them instead of stopping at `limit`, so each page costs as much as the rest
 * of the log (a 100k-event readAll took 3.3 s instead of under one).
 */
export function logPageQuery(
  names: SchemaNames,
  from: bigint,
  limit: number,
  bound: bigint | undefined,
  filter: EventFilter | undefined,
  before: bigint,
): { text: string; params: unknown[] } {
  const where = filterSql(filter, 5);
  return {
    text: `select h.head::text as head, ${EVENT_SELECT}
             from (select coalesce(max(position), -1) as head from ${names.q}events) h
             left join lateral (
               select * from ${names.q}events e
                where e.position >= $1 and e.position <= coalesce($3::bigint, h.head) and e.position < $4${where.sql}
                order by e.position limit $2
             ) e on true
            order by e.position`,
    params: [
      from.toString(),
      limit,
      bound === undefined ? null : bound.toString(),
      before.toString(),
      ...where.params,
    ],
  };
}

/**
 * One page of a stream, forwards from `from` or backwards from `from`, up to `limit` rows, each
 * a `StreamRow`.
 *
 * Each page is bounded on both sides by a condition that holds for every row anyway (a
 * revision is never below 0, nor above the stream's own revision, written in the same
 * transaction). Without it, a planner with no statistics yet (a new table, before
 * autovacuum's first analyze) guesses a stream holds a handful of rows and fetches and sorts
 * all of them for every page; a two-sided range makes it walk the (stream, revision) index and
 * stop at the limit. The columns are converted to text outside the limit for the same reason.
 */
export function streamPageQuery(
  names: SchemaNames,
  streamId: string,
  from: bigint,
  limit: number,
  backwards: boolean,
): { text: string; params: unknown[] } {
  return {
    text: `select ${STREAM_EVENT_SELECT} from (
             select * from ${names.q}events
              where stream_id = $1 and ${backwards ? 'revision <= $2 and revision >= 0' : `revision >= $2 and revision <= coalesce((select s.revision from ${names.q}streams s where s.stream_id = $1), ${MAX_BIGINT})`}
              order by revision ${backwards ? 'desc' : 'asc'} limit $3
           ) e order by e.revision ${backwards ? 'desc' : 'asc'}`,
    params: [streamId, from.toString(), limit],
  };
}
