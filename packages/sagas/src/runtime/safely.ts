/** Calls a user hook (metrics, error reporting) whose failure must not change what the saga does. */
export function safely(hook: () => void): void {
  try {
    hook();
  } catch {
    // Nowhere better to report it: the hook was the reporting.
  }
}
