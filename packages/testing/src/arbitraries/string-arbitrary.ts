import fc from 'fast-check';
import { lengthConstraints, sizeBounds, sized, type BuildContext } from './build-context.js';
import { formatArbitrary } from './string-formats.js';
import { asciiUnit, codePointLength, codePointUnit } from './text-units.js';
import { checksOf, type AnySchema, type CheckDef } from './zod-internals.js';

/** String formats that constrain parts of a string; any other format decides its whole shape. */
const PARTIAL_FORMATS = new Set(['starts_with', 'ends_with', 'includes', 'lowercase', 'uppercase']);
const LENGTH_CHECKS = { min: 'min_length', max: 'max_length', exact: 'length_equals' } as const;

export function stringArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<string> {
  const checks = checksOf(schema);
  const { min, max } = sizeBounds(checks, LENGTH_CHECKS);
  if (max !== undefined && min > max)
    ctx.unsatisfiable(schema, `the minimum length ${min} exceeds the maximum ${max}`);
  const formats = checks.filter((check) => check.check === 'string_format');
  // Checks other than lengths and formats (refinements, trim…) are the dispatcher's to filter for.
  const whole = formats.find((check) => !PARTIAL_FORMATS.has(check['format'] as string));
  if (whole) {
    const arb = formatArbitrary(whole, schema, ctx);
    const exact = formats.length === 1 && min === 0 && max === undefined;
    return exact ? arb : ctx.filtered(arb, schema);
  }
  const arb = composedString(formats, min, max, schema, ctx);
  return formats.length === 0 ? arb : ctx.filtered(arb, schema);
}

/** A string of the right length built around the required prefix, suffix, infixes and case. */
function composedString(
  formats: readonly CheckDef[],
  min: number,
  max: number | undefined,
  schema: AnySchema,
  ctx: BuildContext,
): fc.Arbitrary<string> {
  const valuesOf = (format: string, field: string) =>
    formats.filter((check) => check['format'] === format).map((check) => check[field] as string);
  const prefix = valuesOf('starts_with', 'prefix').sort((a, b) => b.length - a.length)[0] ?? '';
  const suffix = valuesOf('ends_with', 'suffix').sort((a, b) => b.length - a.length)[0] ?? '';
  const infix = valuesOf('includes', 'includes').join('');
  const lower = formats.some((check) => check['format'] === 'lowercase');
  const upper = formats.some((check) => check['format'] === 'uppercase');
  const fixed = codePointLength(prefix + infix + suffix);
  if (max !== undefined && fixed > max) {
    ctx.unsatisfiable(schema, `the required parts take ${fixed} characters but the maximum length is ${max}`);
  }
  // Case checks only look at ASCII letters, and ASCII case mapping keeps the length.
  const unit = lower || upper ? asciiUnit : codePointUnit;
  const middle = sized(
    (from, to, size) => fc.string({ unit, ...lengthConstraints(from, to, size) }),
    Math.max(0, min - fixed),
    max === undefined ? undefined : max - fixed,
    ctx,
  );
  return middle.map((text) => {
    const cased = lower ? text.toLowerCase() : upper ? text.toUpperCase() : text;
    return prefix + cased + infix + suffix;
  });
}
