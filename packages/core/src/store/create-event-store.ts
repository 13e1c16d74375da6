import { UnknownStoreSchemeError } from '../errors/store-errors.js';
import type { EventSet } from '../events/define-events.js';
import type { Providers } from '../providers/providers.js';
import type { EventStore } from './event-store.js';
import { MemoryEventStore } from './memory-event-store.js';

/** Options every store accepts through `createEventStore`; adapters read their own keys too. */
export interface CreateEventStoreOptions extends Partial<Providers> {
  /** Validate appends against these definitions (unknown types are rejected). */
  readonly events?: EventSet | readonly EventSet[];
  readonly maxEventBytes?: number;
  readonly [adapterOption: string]: unknown;
}

export type EventStoreFactory = (url: string, options: CreateEventStoreOptions) => EventStore;

const factories = new Map<string, EventStoreFactory>();

/** The scheme of a store URL, with its colon: `'memory:'`, `'postgres:'`, `'esdb:'`. */
export function schemeOf(url: string): string {
  const colon = url.indexOf(':');
  return colon === -1 ? url : url.slice(0, colon + 1).toLowerCase();
}

/**
 * Adapter packages call this on import, so that `createEventStore` knows their URLs.
 * Registering a scheme again replaces the earlier factory (one process, one adapter per scheme).
 */
export function registerEventStore(schemes: string | readonly string[], factory: EventStoreFactory): void {
  for (const scheme of typeof schemes === 'string' ? [schemes] : schemes) {
    factories.set(schemeOf(scheme.endsWith(':') ? scheme : `${scheme}:`), factory);
  }
}

/** The schemes `createEventStore` accepts now. */
export function registeredEventStoreSchemes(): string[] {
  return [...factories.keys()].sort();
}

/**
 * A store from a URL: `'memory:'` is built in; `'pglite:'`, `'postgres://…'` and `'esdb://…'`
 * once their adapter package is imported.
 */
export function createEventStore(url: string, options: CreateEventStoreOptions = {}): EventStore {
  const factory = factories.get(schemeOf(url));
  if (!factory) throw new UnknownStoreSchemeError(url, registeredEventStoreSchemes());
  return factory(url, options);
}

registerEventStore('memory:', (_url, options) => new MemoryEventStore(options));
