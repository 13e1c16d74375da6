/**
 * Where a schema sits inside the schema given to `arbitraryOf`: object keys and tuple
 * indexes as zod reports them in issue paths; `*` stands for any element of an array,
 * set or record and any map value, `<key>` for a record or map key.
 */
export type PathSegment = string | number;

/** `items.*.price`, or `(root)` for the top-level schema (the same notation as core's validation errors). */
export function formatPath(path: readonly PathSegment[]): string {
  return path.length === 0 ? '(root)' : path.map(String).join('.');
}
