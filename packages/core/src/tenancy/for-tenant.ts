import { InvalidStreamIdError } from '../errors/store-errors.js';
import type { EventInput, RecordedEvent } from '../events/event.js';
import { mergeMetadata } from '../events/metadata.js';
import { categoryOf, compileFilter, type EventFilter } from '../store/event-filter.js';
import type {
  AppendOptions,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadStreamOptions,
  SubscribeOptions,
  Subscription,
} from '../store/event-store.js';
import { tenantScope, type TenantScoped } from './tenant-scope.js';

/** The character that ends a tenant id inside a stored stream id; a tenant id may not hold it. */
const TENANT_END = '~';

/** How the view names streams in the underlying store, and back. */
class TenantNames {
  readonly #tenantId: string;

  constructor(tenantId: string) {
    this.#tenantId = tenantId;
  }

  /** `loyaltyAccount-a-1` → `loyaltyAccount-acme~a-1`: the category stays, so `$ce-` still works. */
  toStored(streamId: string): string {
    if (typeof streamId !== 'string' || !streamId.includes('-') || streamId.startsWith('-')) {
      throw new InvalidStreamIdError(
        String(streamId),
        'a tenant view needs stream ids of the form <category>-<id>',
      );
    }
    const category = categoryOf(streamId);
    return `${category}-${this.#tenantId}${TENANT_END}${streamId.slice(category.length + 1)}`;
  }

  /** The view's stream id for a stored one, or undefined when it belongs to another tenant. */
  fromStored(stored: string): string | undefined {
    const category = categoryOf(stored);
    const prefix = `${category}-${this.#tenantId}${TENANT_END}`;
    return stored.startsWith(prefix) ? `${category}-${stored.slice(prefix.length)}` : undefined;
  }
}

function mapAsync(
  source: AsyncIterable<RecordedEvent>,
  map: (event: RecordedEvent) => RecordedEvent | undefined,
) {
  return {
    [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
      const iterator = source[Symbol.asyncIterator]();
      return {
        async next() {
          for (;;) {
            const result = await iterator.next();
            if (result.done) return result;
            const mapped = map(result.value);
            if (mapped) return { done: false, value: mapped };
          }
        },
        async return() {
          await iterator.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
}

/**
 * A view of `store` for one tenant: every append is stamped with `tenantId` and goes to
 * the tenant's own namespace of streams; reads, subscriptions and loads see only the
 * tenant's events. Whatever stream id a caller passes, it cannot reach another tenant's.
 */
export function forTenant(store: EventStore, tenantId: string): EventStore & TenantScoped {
  if (typeof tenantId !== 'string' || tenantId.length === 0 || tenantId.includes(TENANT_END)) {
    throw new InvalidStreamIdError(
      String(tenantId),
      `a tenant id is a non-empty string without '${TENANT_END}'`,
    );
  }
  const names = new TenantNames(tenantId);
  const stamp = { tenantId };

  const visible = (event: RecordedEvent): RecordedEvent | undefined => {
    const streamId = names.fromStored(event.streamId);
    if (streamId === undefined || event.metadata.tenantId !== tenantId) return undefined;
    return { ...event, streamId };
  };

  // The store filters what it can (types, category); the view applies the rest to its own names.
  const split = (filter: EventFilter | undefined) => {
    const outer: EventFilter = {
      ...(filter?.eventTypes ? { eventTypes: filter.eventTypes } : {}),
      ...(filter?.category !== undefined ? { category: filter.category } : {}),
    };
    const inner = compileFilter(filter);
    return {
      outer,
      map: (event: RecordedEvent) => {
        const seen = visible(event);
        return seen && (!inner || inner(seen)) ? seen : undefined;
      },
    };
  };

  return {
    [tenantScope]: tenantId,
    async append(
      streamId: string,
      events: readonly EventInput[],
      options?: AppendOptions,
    ): Promise<AppendResult> {
      const stored = names.toStored(streamId);
      const stamped = Array.isArray(events)
        ? events.map((event: EventInput) =>
            event !== null && typeof event === 'object'
              ? { ...event, metadata: mergeMetadata(event.metadata, stamp) }
              : event,
          )
        : events;
      return store.append(stored, stamped, options);
    },
    readStream(streamId: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
      return mapAsync(store.readStream(names.toStored(streamId), options), visible);
    },
    readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
      const { outer, map } = split(options.filter);
      const { maxCount, ...rest } = options;
      const source = store.readAll({ ...rest, filter: outer });
      if (maxCount === undefined) return mapAsync(source, map);
      let count = 0;
      // The limit counts the tenant's events, so it is applied after the view's own filter.
      return {
        async *[Symbol.asyncIterator]() {
          if (maxCount <= 0) return;
          for await (const event of mapAsync(source, map)) {
            yield event;
            if (++count >= maxCount) return;
          }
        },
      };
    },
    subscribe(options: SubscribeOptions = {}): Subscription {
      const { outer, map } = split(options.filter);
      const inner = store.subscribe({ ...options, filter: outer });
      const mapped = mapAsync(inner, map);
      return { stop: () => inner.stop(), [Symbol.asyncIterator]: () => mapped[Symbol.asyncIterator]() };
    },
    // The underlying store is shared by every tenant: closing one view must not close it.
    close: () => Promise.resolve(),
  };
}
