/** Where a processor (projection, relay, saga orchestrator) keeps the last position it finished. */
export interface CheckpointStore {
  /** The stored position, or undefined when the processor never committed one. */
  load(name: string): Promise<bigint | undefined>;
  save(name: string, position: bigint): Promise<void>;
  delete(name: string): Promise<void>;
}
