import { createHash } from 'node:crypto';
import { ProjectionConfigError } from '../errors/projection-errors.js';
import type { BuildRecord } from '../target/read-model-target.js';

/** PostgreSQL truncates identifiers beyond 63 bytes: names must fit, or they would collide. */
const MAX_IDENTIFIER = 63;
const TABLE = /^[a-z_][a-z0-9_]*$/;

export function quote(identifier: string): string {
  return `"${identifier.replaceAll('"', '""')}"`;
}

/**
 * The prefix of one build's tables: `rm_<name>_v<version>_<generation>_`. A name that is not
 * a plain lower-case identifier (or is long) is shortened and given a hash, so two projection
 * names never share tables.
 */
export function buildPrefix(build: Pick<BuildRecord, 'name' | 'version' | 'generation'>): string {
  const plain = build.name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  const slug =
    plain === build.name && plain.length <= 24
      ? plain
      : `${plain.slice(0, 16)}_${createHash('sha256').update(build.name).digest('hex').slice(0, 7)}`;
  return `rm_${slug}_v${build.version}_${build.generation}_`;
}

/** The unquoted name of a build's table `name`, checked to be a safe identifier that fits. */
export function buildTable(
  build: Pick<BuildRecord, 'name' | 'version' | 'generation'>,
  name: string,
): string {
  if (!TABLE.test(name))
    throw new ProjectionConfigError(
      `table name '${name}' must be lower-case letters, digits and _`,
      build.name,
    );
  const full = buildPrefix(build) + name;
  if (Buffer.byteLength(full) > MAX_IDENTIFIER)
    throw new ProjectionConfigError(
      `table '${full}' is longer than PostgreSQL's 63 bytes: shorten '${name}'`,
      build.name,
    );
  return full;
}
