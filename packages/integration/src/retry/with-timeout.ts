import { DeliveryTimeoutError } from '../errors/integration-errors.js';

/** Runs `work`, rejecting with `DeliveryTimeoutError` when it takes longer than `timeoutMs` (no limit when undefined). */
export async function withTimeout<T>(
  target: string,
  timeoutMs: number | undefined,
  work: () => Promise<T>,
): Promise<T> {
  if (timeoutMs === undefined) return work();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeliveryTimeoutError(target, timeoutMs)), timeoutMs);
  });
  try {
    return await Promise.race([work(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
