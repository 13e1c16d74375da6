/** How far a rebuild is: in events of the types the projection handles. */
export interface RebuildProgress {
  readonly processed: number;
  /** Events to process in all, counted when the rebuild started (the log may grow meanwhile). */
  readonly total: number;
  readonly eventsPerSecond: number;
  /** Estimated time left; undefined until a rate is known. */
  readonly etaMs: number | undefined;
}

/** Tracks one build's progress; `processed` starts at what an earlier run already did. */
export class ProgressMeter {
  readonly #startedAt: number;
  readonly #startProcessed: number;
  #processed: number;
  #total: number;

  constructor(total: number, alreadyProcessed: number, now: number) {
    this.#total = total;
    this.#processed = alreadyProcessed;
    this.#startProcessed = alreadyProcessed;
    this.#startedAt = now;
  }

  add(events: number): void {
    this.#processed += events;
    // The log grows while we rebuild: never report more processed than total.
    if (this.#processed > this.#total) this.#total = this.#processed;
  }

  snapshot(now: number): RebuildProgress {
    const elapsedMs = Math.max(1, now - this.#startedAt);
    const done = this.#processed - this.#startProcessed;
    const eventsPerSecond = Math.round((done * 1000) / elapsedMs);
    const remaining = this.#total - this.#processed;
    return {
      processed: this.#processed,
      total: this.#total,
      eventsPerSecond,
      etaMs:
        remaining === 0
          ? 0
          : eventsPerSecond > 0
            ? Math.round((remaining * 1000) / eventsPerSecond)
            : undefined,
    };
  }
}
