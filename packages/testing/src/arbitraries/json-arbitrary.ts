import fc from 'fast-check';
import { codePointUnit, propertyKey } from './text-units.js';

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
  fc.string({ unit: codePointUnit, maxLength: 12 }),
);

/** JSON values (for `z.any()`, `z.unknown()` and catchalls): what an event's data can carry. */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 2, depthIdentifier: 'strata-json' },
    leaf,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(propertyKey, tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;

/** A JSON scalar: the way out when recursion has gone deep enough. */
export const jsonLeaf: fc.Arbitrary<unknown> = leaf;
