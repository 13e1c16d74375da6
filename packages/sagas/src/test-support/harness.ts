import {
  seededRandom,
  toArray,
  type CheckpointStore,
  type Clock,
  type EventStore,
  type RecordedEvent,
} from '@strata/core';
import { SagaOrchestrator, type SagaOrchestratorOptions } from '../orchestrator/saga-orchestrator.js';
import { FakeServices } from './fake-services.js';
import { FakeTime } from './fake-time.js';
import { loyaltyEnrolmentSaga, placeOrderSaga } from './test-sagas.js';

export interface Backend {
  readonly store: EventStore;
  readonly checkpoints: CheckpointStore;
}

/** Makes a fresh, empty store whose `recordedAt` comes from `clock`. */
export type MakeBackend = (clock: Clock) => Backend | Promise<Backend>;

/** One test's world: a store, virtual time, fake services, the two test sagas and orchestrators on them. */
export class Harness {
  readonly services = new FakeServices();
  readonly errors: unknown[] = [];
  readonly orchestrators: SagaOrchestrator[] = [];
  readonly placeOrder = placeOrderSaga(this.services);
  readonly enrolment = loyaltyEnrolmentSaga(this.services);

  private constructor(
    readonly backend: Backend,
    readonly time: FakeTime,
  ) {}

  static async create(make: MakeBackend): Promise<Harness> {
    // The store needs the harness's clock before the harness exists: share the FakeTime.
    const time = new FakeTime();
    const backend = await make(time.clock);
    return new Harness(backend, time);
  }

  get store(): EventStore {
    return this.backend.store;
  }

  orchestrator(overrides: Partial<SagaOrchestratorOptions> = {}): SagaOrchestrator {
    const orchestrator = new SagaOrchestrator({
      store: this.store,
      checkpoints: this.backend.checkpoints,
      sagas: [this.placeOrder, this.enrolment],
      clock: this.time.clock,
      sleep: this.time.sleep,
      random: seededRandom(7),
      onError: (error) => this.errors.push(error),
      ...overrides,
    });
    this.orchestrators.push(orchestrator);
    return orchestrator;
  }

  async stream(streamId: string): Promise<RecordedEvent[]> {
    return toArray(this.store.readStream(streamId));
  }

  async types(streamId: string): Promise<string[]> {
    return (await this.stream(streamId)).map((e) => {
      const step = (e.data as { step?: string }).step;
      return step === undefined ? e.type : `${e.type} ${step}`;
    });
  }

  async dispose(): Promise<void> {
    await Promise.all(this.orchestrators.map((o) => o.stop()));
  }
}
