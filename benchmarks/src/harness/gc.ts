/** `global.gc` when node runs with --expose-gc; undefined otherwise. */
export function exposedGc(): (() => void) | undefined {
  const gc = (globalThis as { gc?: () => void }).gc;
  return typeof gc === 'function' ? gc : undefined;
}

/** Collects garbage fully (twice, so weakly held and finalised objects go too), when it can. */
export function collectGarbage(): void {
  const gc = exposedGc();
  if (!gc) return;
  gc();
  gc();
}
