import { CorruptRowError } from '../errors/corrupt-row-error.js';

/**
 * jsonb rejects `\u0000` and lone UTF-16 surrogates (`\ud800`), which JSON.stringify can
 * produce. Such JSON is kept losslessly as its text inside a jsonb string, with the row's
 * `nul_escaped` flag set. A literal backslash-u in user data may also trigger it: that only
 * costs the escaped form, never data.
 */
const UNSAFE_FOR_JSONB = /\\u0000|\\ud[89a-f]/i;

export function toJsonbText(json: string): { text: string; escaped: boolean } {
  return UNSAFE_FOR_JSONB.test(json)
    ? { text: JSON.stringify(json), escaped: true }
    : { text: json, escaped: false };
}

/** Reads a jsonb column back, undoing `toJsonbText`. */
export function fromJsonb(
  value: unknown,
  escaped: unknown,
  table: string,
  key: string,
  column: string,
): unknown {
  if (escaped !== true) return value;
  if (typeof value !== 'string')
    throw new CorruptRowError(table, key, `${column} is marked escaped but is not a string`);
  try {
    return JSON.parse(value) as unknown;
  } catch (error) {
    throw new CorruptRowError(table, key, `${column} is marked escaped but is not JSON text`, error);
  }
}

/** Why PostgreSQL `text` cannot hold this string exactly, or undefined when it can. */
export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'PostgreSQL text cannot hold a NUL character (\\u0000)';
  if (/\p{Cs}/u.test(value)) return 'it contains a lone UTF-16 surrogate, which UTF-8 cannot carry';
  return undefined;
}
