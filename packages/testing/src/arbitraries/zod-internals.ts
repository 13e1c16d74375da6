// Typed reads of zod 4's schema internals (`schema._zod`), the one place that knows their shape.
import { z } from 'zod';

export type AnySchema = z.core.$ZodType;

/** A schema definition read loosely: `type` plus the fields of whichever kind it is. */
export interface SchemaDef {
  readonly type: string;
  readonly [field: string]: unknown;
}

/** A check definition (`min_length`, `greater_than`, `string_format`, `custom`…). */
export interface CheckDef {
  readonly check: string;
  readonly [field: string]: unknown;
}

export function defOf(schema: AnySchema): SchemaDef {
  return schema._zod.def as unknown as SchemaDef;
}

/**
 * The checks a schema runs. A format schema such as `z.email()` or `z.int()` is itself a
 * check (its def has `check`), so it comes first, then `def.checks` in order.
 */
export function checksOf(schema: AnySchema): CheckDef[] {
  const def = defOf(schema);
  const own = typeof def['check'] === 'string' ? [def as unknown as CheckDef] : [];
  const attached = (schema._zod.def.checks ?? []).map((check) => check._zod.def as unknown as CheckDef);
  return [...own, ...attached];
}

/** `string (email)`, `number`, `object`…: the kind named in error messages. */
export function kindOf(schema: AnySchema): string {
  const def = defOf(schema);
  return typeof def['format'] === 'string' && def.type === 'string' ? `string (${def['format']})` : def.type;
}

/** A child schema stored in a def field (`innerType`, `element`, `in`…). */
export function childOf(schema: AnySchema, field: string): AnySchema {
  return defOf(schema)[field] as AnySchema;
}

/** The finite set of values a literal, enum or union of them allows, when zod knows it. */
export function valuesOf(schema: AnySchema): readonly unknown[] | undefined {
  const values = (schema._zod as { values?: ReadonlySet<unknown> }).values;
  return values ? [...values] : undefined;
}

/** `'optional'` or `'defaulted'` when an object may leave this key out. */
export function optionalIn(schema: AnySchema): string | undefined {
  return (schema._zod as { optin?: string }).optin;
}

export function hasTrait(schema: AnySchema, trait: string): boolean {
  return (schema._zod as { traits?: ReadonlySet<string> }).traits?.has(trait) ?? false;
}

/** The schema a `z.lazy` stands for (zod evaluates the getter once and keeps it). */
export function lazyInner(schema: AnySchema): AnySchema {
  return (schema._zod as unknown as { innerType: AnySchema }).innerType;
}

/** The regex zod itself derives for a schema (template literals have one). */
export function patternOf(schema: AnySchema): RegExp | undefined {
  return (schema._zod as { pattern?: RegExp }).pattern;
}

type ParseOutcome = { ok: true } | { ok: false; problem: string };

/** Parses synchronously; an async refinement or a throwing transform counts as a failure. */
export function tryParse(schema: AnySchema, value: unknown): ParseOutcome {
  try {
    const result = z.safeParse(schema, value);
    if (result.success) return { ok: true };
    const issue = result.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : '';
    return { ok: false, problem: `${where}${issue?.message ?? 'rejected'}` };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Encodes an output-side value back to the input side of a codec; undefined when it cannot. */
export function tryEncode(schema: AnySchema, value: unknown): { value: unknown } | undefined {
  try {
    return { value: z.encode(schema, value) };
  } catch {
    return undefined;
  }
}
