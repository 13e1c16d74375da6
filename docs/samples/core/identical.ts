type SameToCompiler<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/**
 * True only when A and B are the same type: readonly and, under exactOptionalPropertyTypes,
 * `?: string` versus `?: string | undefined` included (vitest's toEqualTypeOf lets the latter pass).
 */
export type Identical<A, B> = SameToCompiler<A, B> extends true ? Mutual<A, B> : false;
