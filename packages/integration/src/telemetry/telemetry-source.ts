import { Telemetry, type TelemetryOptions } from './telemetry.js';

/** Either a shared `Telemetry` (one for the relay, the transports, projections and sagas) or options for a new one. */
export type TelemetrySource = Telemetry | TelemetryOptions;

export const telemetryOf = (source: TelemetrySource = {}): Telemetry =>
  source instanceof Telemetry ? source : new Telemetry(source);

/**
 * Runs a hook body and drops what it throws: projections' and sagas' hooks must not throw, and a
 * broken dashboard listener must never stop a runner or a saga.
 */
export function guarded<A extends unknown[]>(body: (...args: A) => void): (...args: A) => void {
  return (...args) => {
    try {
      body(...args);
    } catch {
      // Deliberately ignored: metrics are best effort, the work they describe is not.
    }
  };
}
