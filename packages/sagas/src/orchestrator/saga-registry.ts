import { isWaitStep, type SagaDefinition } from '../definition/define-saga.js';
import { SagaDefinitionError } from '../errors/saga-definition-error.js';

/** The sagas one orchestrator runs, and the event types it reads: starting events and `waitFor`s. */
export interface SagaRegistry {
  readonly byName: ReadonlyMap<string, SagaDefinition<never>>;
  readonly eventTypes: readonly string[];
}

/** Refuses a saga given twice and two sagas of one category (their streams would mix). */
export function registerSagas(sagas: readonly SagaDefinition<never>[]): SagaRegistry {
  const byName = new Map<string, SagaDefinition<never>>();
  const categories = new Set<string>();
  const types = new Set<string>();
  for (const saga of sagas) {
    if (byName.has(saga.name)) throw new SagaDefinitionError(saga.name, 'given twice to one orchestrator');
    if (categories.has(saga.category))
      throw new SagaDefinitionError(saga.name, `its category '${saga.category}' is taken`);
    byName.set(saga.name, saga);
    categories.add(saga.category);
    types.add(saga.startedBy.type);
    for (const step of saga.steps) if (isWaitStep(step)) types.add(step.waitFor.type);
  }
  return { byName, eventTypes: [...types] };
}
