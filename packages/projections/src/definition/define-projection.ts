import {
  retryPolicyProblem,
  type EventOf,
  type EventSet,
  type Recorded,
  type RecordedEvent,
  type RetryPolicy,
} from '@strata/core';
import { ProjectionConfigError } from '../errors/projection-errors.js';
import type { ProjectionContext } from '../target/read-model-target.js';

export type ProjectionHandler<E, Ctx> = (event: E, context: Ctx) => void | Promise<unknown>;

/** Handlers keyed by the event types of a set; each gets the recorded, decoded event of its type. */
export type HandlersFor<S extends EventSet, Ctx> = {
  readonly [T in EventOf<S>['type']]?: ProjectionHandler<Recorded<Extract<EventOf<S>, { type: T }>>, Ctx>;
};

/** Core's policy; a projection's `retry` takes any part of it. */
export type { RetryPolicy };

export type OnError = 'dead-letter' | 'stop';

interface CommonOptions<Ctx> {
  readonly name: string;
  /** Bump it when the handlers change: the runner rebuilds the read model beside the current one. */
  readonly version: number;
  /** After the retries: park the event and go on (default), or stop this projection as `failed`. */
  readonly onError?: OnError;
  /**
   * How a failing handler is retried before `onError` decides. Default `{ maxAttempts: 5,
   * initialDelayMs: 100, maxDelayMs: 10_000 }`, full jitter. A `DomainError` or an error with
   * `retryable === false` goes to `onError` at once.
   */
  readonly retry?: Partial<RetryPolicy>;
  /** Runs before each run of a build (make your own tables here, with `if not exists`). */
  readonly setup?: (context: Ctx) => void | Promise<unknown>;
}

export interface TypedProjectionOptions<S extends EventSet, Ctx> extends CommonOptions<Ctx> {
  /** The projection's event set: handlers are typed by it and events decoded (upcast) through it. */
  readonly events: S;
  readonly handlers: HandlersFor<S, Ctx>;
}

export interface UntypedProjectionOptions<Ctx> extends CommonOptions<Ctx> {
  readonly events?: undefined;
  readonly handlers: Readonly<Record<string, ProjectionHandler<RecordedEvent, Ctx>>>;
}

/** A defined projection, as the runner uses it. */
export interface Projection<Ctx extends ProjectionContext = ProjectionContext> {
  readonly name: string;
  readonly version: number;
  readonly onError: OnError;
  readonly retry: RetryPolicy;
  /** The types it handles: the only ones the runner reads for it. */
  readonly eventTypes: readonly string[];
  /** Decodes the event through the projection's event set (if any) and runs its handler. */
  handle(event: RecordedEvent, context: Ctx): Promise<void>;
  setup(context: Ctx): Promise<void>;
}

export interface DefineProjection<Ctx extends ProjectionContext> {
  <S extends EventSet>(options: TypedProjectionOptions<S, Ctx>): Projection<Ctx>;
  (options: UntypedProjectionOptions<Ctx>): Projection<Ctx>;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

function make<Ctx extends ProjectionContext>(
  options: TypedProjectionOptions<EventSet, Ctx> | UntypedProjectionOptions<Ctx>,
): Projection<Ctx> {
  const { name, version, events } = options;
  if (!NAME.test(name))
    throw new ProjectionConfigError(
      'a name is 1 to 100 letters, digits, ".", "_" or "-", starting with a letter or digit',
      name,
    );
  if (!Number.isInteger(version) || version < 1)
    throw new ProjectionConfigError(`version must be a positive integer, got ${version}`, name);
  const handlers = new Map<string, ProjectionHandler<RecordedEvent, Ctx>>();
  for (const [type, handler] of Object.entries(options.handlers) as [string, unknown][]) {
    if (handler === undefined) continue;
    if (typeof handler !== 'function')
      throw new ProjectionConfigError(`the handler of '${type}' is not a function`, name);
    if (events && !events.has(type))
      throw new ProjectionConfigError(`handles '${type}', which its event set does not define`, name);
    handlers.set(type, handler as ProjectionHandler<RecordedEvent, Ctx>);
  }
  if (handlers.size === 0) throw new ProjectionConfigError('it has no handlers', name);
  const problem = options.retry && retryPolicyProblem(options.retry);
  if (problem) throw new ProjectionConfigError(`retry.${problem}`, name);
  const retry: RetryPolicy = {
    maxAttempts: 5,
    initialDelayMs: 100,
    maxDelayMs: 10_000,
    ...options.retry,
  };
  const setup = options.setup;
  return Object.freeze({
    name,
    version,
    onError: options.onError ?? 'dead-letter',
    retry: Object.freeze(retry),
    eventTypes: Object.freeze([...handlers.keys()]),
    async handle(event: RecordedEvent, context: Ctx) {
      const handler = handlers.get(event.type);
      if (!handler) return;
      await handler(events ? events.decode(event) : event, context);
    },
    async setup(context: Ctx) {
      if (setup) await setup(context);
    },
  });
}

/** Defines a projection whose handlers get the given context type (a target's own, for example). */
export function projectionDefiner<Ctx extends ProjectionContext>(): DefineProjection<Ctx> {
  return make;
}

/** Defines a projection for any target: handlers get `documents(collection)`. */
export const defineProjection: DefineProjection<ProjectionContext> = projectionDefiner<ProjectionContext>();
