import type { CheckpointStore } from './checkpoint-store.js';

export class MemoryCheckpointStore implements CheckpointStore {
  readonly #positions = new Map<string, bigint>();

  load(name: string): Promise<bigint | undefined> {
    return Promise.resolve(this.#positions.get(name));
  }

  save(name: string, position: bigint): Promise<void> {
    this.#positions.set(name, position);
    return Promise.resolve();
  }

  delete(name: string): Promise<void> {
    this.#positions.delete(name);
    return Promise.resolve();
  }
}
