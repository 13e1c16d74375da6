import { InvalidArgumentError } from 'commander';

/** `--limit` and friends: a positive integer. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new InvalidArgumentError(`expected a positive integer, got "${value}"`);
  return n;
}

/** `--from`: a revision or position, as a bigint. */
export function bigintArg(value: string): bigint {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`expected a non-negative integer, got "${value}"`);
  return BigInt(value);
}
