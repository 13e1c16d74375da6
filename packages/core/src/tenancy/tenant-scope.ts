import type { EventStore } from '../store/event-store.js';

/** Marks a tenant view, so that what is keyed by stream id outside the store (snapshots) is scoped too. */
export const tenantScope = Symbol('strata.tenantScope');

export interface TenantScoped {
  readonly [tenantScope]: string;
}

/** The key a repository files a snapshot under: the tenant's own namespace in a tenant view. */
export function snapshotKeyOf(store: EventStore, streamId: string): string {
  const tenant = (store as Partial<TenantScoped>)[tenantScope];
  return tenant === undefined ? streamId : `${tenant}~${streamId}`;
}
