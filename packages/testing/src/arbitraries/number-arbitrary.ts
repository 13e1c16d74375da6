import fc from 'fast-check';
import type { BuildContext } from './build-context.js';
import { endsBiased } from './ends-biased.js';
import { checksOf, type AnySchema } from './zod-internals.js';

/** zod's number formats: integer or not, and their ranges. */
const NUMBER_FORMATS: Record<string, { integer: boolean; min: number; max: number }> = {
  safeint: { integer: true, min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER },
  int32: { integer: true, min: -2147483648, max: 2147483647 },
  uint32: { integer: true, min: 0, max: 4294967295 },
  float32: { integer: false, min: -3.4028234663852886e38, max: 3.4028234663852886e38 },
  float64: { integer: false, min: -Number.MAX_VALUE, max: Number.MAX_VALUE },
};

/** A lower or upper bound, tightened as checks are read. */
interface Bound<T> {
  value: T;
  excluded: boolean;
}

// JSON turns -0 into 0, and events travel as JSON; zod accepts 0 wherever it accepts -0.
const noNegativeZero = (n: number) => (n === 0 ? 0 : n);

/** Integers in [min, max] of any size, meeting both ends now and then. */
export function integerBetween(min: bigint, max: bigint): fc.Arbitrary<bigint> {
  return min === max ? fc.constant(min) : endsBiased(fc.bigInt({ min, max }), [min, max]);
}

export function numberArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<number> {
  const low: Bound<number> = { value: -Number.MAX_VALUE, excluded: false };
  const high: Bound<number> = { value: Number.MAX_VALUE, excluded: false };
  let integer = false;
  const steps: number[] = [];
  for (const check of checksOf(schema)) {
    switch (check.check) {
      case 'greater_than':
        tightenLow(low, check['value'] as number, !(check['inclusive'] as boolean));
        break;
      case 'less_than':
        tightenHigh(high, check['value'] as number, !(check['inclusive'] as boolean));
        break;
      case 'multiple_of':
        steps.push(Math.abs(check['value'] as number));
        break;
      case 'number_format': {
        const format = NUMBER_FORMATS[check['format'] as string] ?? NUMBER_FORMATS['float64']!;
        integer ||= format.integer;
        tightenLow(low, format.min, false);
        tightenHigh(high, format.max, false);
        break;
      }
    }
  }
  const step = steps[0];
  if (integer || (step !== undefined && Number.isInteger(step))) {
    // Integers (or integer multiples) within the safe range.
    const lo = Math.max(
      low.excluded ? Math.floor(low.value) + 1 : Math.ceil(low.value),
      Number.MIN_SAFE_INTEGER,
    );
    const hi = Math.min(
      high.excluded ? Math.ceil(high.value) - 1 : Math.floor(high.value),
      Number.MAX_SAFE_INTEGER,
    );
    const unit = step ?? 1;
    const kLo = Math.ceil(lo / unit);
    const kHi = Math.floor(hi / unit);
    if (kLo > kHi) ctx.unsatisfiable(schema, describeEmpty(low, high, integer, step));
    const arb = integerBetween(BigInt(kLo), BigInt(kHi)).map((k) => noNegativeZero(Number(k) * unit));
    // A second step, or a fractional one on an integer, is left to the filter.
    return steps.length > 1 || !Number.isInteger(unit) ? ctx.filtered(arb, schema) : arb;
  }
  if (step !== undefined) {
    // Fractional multiples: zod compares them with a float-safe remainder, so filter.
    const bound = 1e12;
    const kLo = Math.ceil(Math.max(low.value, -bound) / step);
    const kHi = Math.floor(Math.min(high.value, bound) / step);
    if (kLo > kHi) ctx.unsatisfiable(schema, describeEmpty(low, high, integer, step));
    const arb = integerBetween(BigInt(kLo), BigInt(kHi)).map((k) => noNegativeZero(Number(k) * step));
    return ctx.filtered(arb, schema);
  }
  // fast-check orders -0 below 0, but for zod -0 is 0: an excluded zero excludes both.
  if (low.value === 0 && low.excluded) Object.assign(low, { value: Number.MIN_VALUE, excluded: false });
  if (high.value === 0 && high.excluded) Object.assign(high, { value: -Number.MIN_VALUE, excluded: false });
  try {
    const doubles = fc.double({
      min: low.value,
      max: high.value,
      minExcluded: low.excluded,
      maxExcluded: high.excluded,
      noNaN: true,
      noDefaultInfinity: true,
    });
    const ends = [low, high].filter((bound) => !bound.excluded).map((bound) => bound.value);
    return endsBiased(doubles, ends).map(noNegativeZero);
  } catch {
    return ctx.unsatisfiable(schema, describeEmpty(low, high, integer, step));
  }
}

function tightenLow<T extends number | bigint>(bound: Bound<T>, value: T, excluded: boolean): void {
  if (value > bound.value || (value === bound.value && excluded)) {
    bound.value = value;
    bound.excluded = excluded;
  }
}

function tightenHigh<T extends number | bigint>(bound: Bound<T>, value: T, excluded: boolean): void {
  if (value < bound.value || (value === bound.value && excluded)) {
    bound.value = value;
    bound.excluded = excluded;
  }
}

function describeEmpty<T extends number | bigint>(
  low: Bound<T>,
  high: Bound<T>,
  integer: boolean,
  step: T | undefined,
): string {
  const range = `${low.excluded ? '(' : '['}${String(low.value)}, ${String(high.value)}${high.excluded ? ')' : ']'}`;
  const what = step !== undefined ? `multiple of ${String(step)}` : integer ? 'integer' : 'value';
  return `no ${what} lies in ${range}`;
}

const BIGINT_FORMATS: Record<string, { min: bigint; max: bigint }> = {
  int64: { min: -(2n ** 63n), max: 2n ** 63n - 1n },
  uint64: { min: 0n, max: 2n ** 64n - 1n },
};
/** Where an unbounded side of a bigint stops: far enough to find 64-bit overflow bugs. */
const BIGINT_REACH = 2n ** 80n;

export function bigintArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<bigint> {
  const low: Bound<bigint> = { value: -BIGINT_REACH, excluded: false };
  const high: Bound<bigint> = { value: BIGINT_REACH, excluded: false };
  const steps: bigint[] = [];
  for (const check of checksOf(schema)) {
    switch (check.check) {
      case 'greater_than':
        tightenLow(low, check['value'] as bigint, !(check['inclusive'] as boolean));
        break;
      case 'less_than':
        tightenHigh(high, check['value'] as bigint, !(check['inclusive'] as boolean));
        break;
      case 'multiple_of': {
        const value = check['value'] as bigint;
        steps.push(value < 0n ? -value : value);
        break;
      }
      case 'bigint_format': {
        const format = BIGINT_FORMATS[check['format'] as string];
        if (format) {
          tightenLow(low, format.min, false);
          tightenHigh(high, format.max, false);
        }
        break;
      }
    }
  }
  const lo = low.excluded ? low.value + 1n : low.value;
  const hi = high.excluded ? high.value - 1n : high.value;
  const step = steps[0] ?? 1n;
  if (step === 0n) return ctx.unsatisfiable(schema, 'multipleOf(0n) allows no value');
  // Ceiling and floor division for bigints, which truncate toward zero.
  const kLo = lo / step + (lo % step > 0n ? 1n : 0n);
  const kHi = hi / step - (hi % step < 0n ? 1n : 0n);
  if (kLo > kHi) ctx.unsatisfiable(schema, describeEmpty(low, high, true, steps[0]));
  const arb = integerBetween(kLo, kHi).map((k) => k * step);
  return steps.length > 1 ? ctx.filtered(arb, schema) : arb;
}

export function dateArbitrary(schema: AnySchema, ctx: BuildContext): fc.Arbitrary<Date> {
  // fast-check's full range: -271821-04-20 to 275760-09-13, all valid Dates.
  let min = -8.64e15;
  let max = 8.64e15;
  for (const check of checksOf(schema)) {
    const value = check['value'];
    if (!(value instanceof Date)) continue;
    const time = value.getTime();
    if (check.check === 'greater_than') min = Math.max(min, check['inclusive'] ? time : time + 1);
    if (check.check === 'less_than') max = Math.min(max, check['inclusive'] ? time : time - 1);
  }
  if (min > max) {
    ctx.unsatisfiable(
      schema,
      `no date lies between ${new Date(min).toISOString()} and ${new Date(max).toISOString()}`,
    );
  }
  const dates = fc.date({ min: new Date(min), max: new Date(max), noInvalidDate: true });
  return endsBiased(dates, [new Date(min), new Date(max)]).map((date) => new Date(date.getTime()));
}
