export type Role = 'active' | 'building';

interface Lane {
  dirty: boolean;
  running: Promise<void> | undefined;
}

/**
 * Two serial lanes of passes over the log: active builds (live reads) and builds being
 * rebuilt, so a long rebuild never holds up live updates. A kick during a pass asks for one
 * more pass after it, so no wake-up is lost.
 */
export class Lanes {
  readonly #lanes: Record<Role, Lane> = {
    active: { dirty: false, running: undefined },
    building: { dirty: false, running: undefined },
  };
  readonly #pass: (role: Role) => Promise<void>;

  constructor(pass: (role: Role) => Promise<void>) {
    this.#pass = pass;
  }

  /** Asks for a pass; errors go to `onError` (background work). */
  kick(role: Role, onError: (error: unknown) => void): void {
    this.#start(role).catch(onError);
  }

  /** Runs passes until one started after this call has finished; rejects with its error. */
  async run(role: Role): Promise<void> {
    await this.#start(role);
  }

  async idle(): Promise<void> {
    await Promise.allSettled([this.#lanes.active.running, this.#lanes.building.running]);
  }

  #start(role: Role): Promise<void> {
    const lane = this.#lanes[role];
    lane.dirty = true;
    if (!lane.running) {
      const running = this.#drain(role).finally(() => {
        if (lane.running === running) lane.running = undefined;
      });
      lane.running = running;
    }
    return lane.running;
  }

  async #drain(role: Role): Promise<void> {
    const lane = this.#lanes[role];
    while (lane.dirty) {
      lane.dirty = false;
      await this.#pass(role);
    }
  }
}
