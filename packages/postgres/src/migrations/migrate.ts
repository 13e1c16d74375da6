import type { Driver } from '../driver/driver.js';
import type { SchemaNames } from '../schema/schema-names.js';
import { migrations as allMigrations, type Migration } from './migrations.js';

export interface MigrationReport {
  /** The versions this call applied (empty when the schema was already current). */
  readonly applied: readonly number[];
  /** The schema's version afterwards. */
  readonly version: number;
}

/**
 * Applies the missing migrations in one transaction under the schema's migration lock, so two
 * processes starting at once apply each migration once (the second waits, then finds nothing
 * to do), and a failing migration leaves the schema as it was.
 */
export async function migrate(
  driver: Driver,
  names: SchemaNames,
  migrations: readonly Migration[] = allMigrations,
): Promise<MigrationReport> {
  const { q, schema } = names;
  return driver.transaction(async (tx) => {
    // Before `create schema if not exists`, which itself races between sessions.
    await tx.query(`select pg_advisory_xact_lock(${names.migrateLock.toString()})`);
    const [exists] = await tx.query<{ ok: boolean }>(
      'select exists (select 1 from pg_namespace where nspname = $1) as ok',
      [schema],
    );
    if (!exists?.ok) await tx.query(`create schema ${q.slice(0, -1)}`);
    await tx.query(
      `create table if not exists ${q}migrations (
         version integer primary key, name text not null, applied_at timestamptz not null default now())`,
    );
    const rows = await tx.query<{ version: number }>(`select version from ${q}migrations`);
    const done = new Set(rows.map((row) => Number(row.version)));
    const applied: number[] = [];
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql(names));
      await tx.query(`insert into ${q}migrations (version, name) values ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    const version = Math.max(0, ...done, ...applied);
    return { applied, version };
  });
}
