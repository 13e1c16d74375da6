import { retryPolicyProblem, type EventDefinition, type RecordedEvent } from '@strata/core';
import { SagaDefinitionError } from '../errors/saga-definition-error.js';
import type { DataOf, RetryPolicy, SagaStep, StepSpec, WaitStep } from './saga-types.js';

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5_000 };
export const DEFAULT_TIMEOUT_MS = 30_000;

/** What `defineSaga` takes; `O` is the tuple of the steps' outputs, inferred. */
export interface SagaSpec<D extends EventDefinition, O extends readonly unknown[]> {
  /** Lower-case words joined by `-` (`place-order`); the stream category derives from it. */
  readonly name: string;
  readonly startedBy: D;
  /** The saga instance's id for a starting event: one instance per id, ever. */
  readonly correlate: (event: RecordedEvent<D['type'], DataOf<D>>) => string;
  readonly steps: { readonly [K in keyof O]: StepSpec<DataOf<D>, O[K]> };
  /** Default `{ maxAttempts: 3, initialDelayMs: 100, maxDelayMs: 5000 }`; missing keys take these. */
  readonly retry?: Partial<RetryPolicy>;
  /** Per attempt of a run or compensate. Default 30 000 ms. */
  readonly timeoutMs?: number;
}

/** A validated saga definition, ready for a `SagaOrchestrator`. */
export interface SagaDefinition<I = unknown> {
  readonly name: string;
  /** The saga streams' category: `saga` + the name in camel case (`place-order` → `sagaPlaceOrder`). */
  readonly category: string;
  readonly startedBy: EventDefinition;
  readonly correlate: (event: RecordedEvent) => string;
  readonly steps: readonly SagaStep<I>[];
  readonly retry: RetryPolicy;
  readonly timeoutMs: number;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;

/** `place-order` → `sagaPlaceOrder`. One-to-one, since every word starts with a letter. */
export function sagaCategory(name: string): string {
  return (
    'saga' +
    name
      .split('-')
      .map((word) => word[0]!.toUpperCase() + word.slice(1))
      .join('')
  );
}

export function isWaitStep<I>(step: SagaStep<I>): step is WaitStep {
  return 'waitFor' in step;
}

function checkPolicy(saga: string, where: string, retry: Partial<RetryPolicy> | undefined): void {
  const problem = retry && retryPolicyProblem(retry);
  if (problem) throw new SagaDefinitionError(saga, `${where}retry.${problem}`);
}

function checkTimeout(saga: string, where: string, timeoutMs: number | undefined): void {
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs > 0))
    throw new SagaDefinitionError(saga, `${where}timeoutMs must be a number > 0`);
}

/** Defines a saga: the event that starts it, how instances are correlated, and its steps in order. */
export function defineSaga<D extends EventDefinition, const O extends readonly unknown[]>(
  spec: SagaSpec<D, O>,
): SagaDefinition<DataOf<D>> {
  const { name } = spec;
  if (typeof name !== 'string' || !NAME.test(name))
    throw new SagaDefinitionError(String(name), "the name must be lower-case words joined by '-'");
  if (typeof spec.correlate !== 'function')
    throw new SagaDefinitionError(name, 'correlate must be a function');
  const steps = spec.steps as readonly SagaStep<DataOf<D>>[];
  // (Array.isArray would narrow the readonly array to any[].)
  if (!(spec.steps instanceof Array) || steps.length === 0)
    throw new SagaDefinitionError(name, 'a saga needs at least one step');
  const seen = new Set<string>();
  for (const [index, step] of steps.entries()) {
    const where = `step ${index} ('${String(step.name)}'): `;
    if (typeof step.name !== 'string' || step.name.length === 0)
      throw new SagaDefinitionError(name, `step ${index} needs a non-empty name`);
    if (seen.has(step.name)) throw new SagaDefinitionError(name, `${where}the name is used twice`);
    seen.add(step.name);
    if (isWaitStep(step)) {
      if ('run' in step && step.run !== undefined)
        throw new SagaDefinitionError(name, `${where}has both run and waitFor`);
      if (!(Number.isFinite(step.timeoutMs) && step.timeoutMs > 0))
        throw new SagaDefinitionError(name, `${where}a waitFor step needs timeoutMs > 0`);
    } else {
      if (typeof step.run !== 'function')
        throw new SagaDefinitionError(name, `${where}needs run (a function) or waitFor (an event)`);
      checkPolicy(name, where, step.retry);
      checkTimeout(name, where, step.timeoutMs);
    }
  }
  checkPolicy(name, '', spec.retry);
  checkTimeout(name, '', spec.timeoutMs);
  return Object.freeze({
    name,
    category: sagaCategory(name),
    startedBy: spec.startedBy,
    correlate: spec.correlate as (event: RecordedEvent) => string,
    steps: Object.freeze([...steps]),
    retry: { ...DEFAULT_RETRY, ...spec.retry },
    timeoutMs: spec.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  });
}
