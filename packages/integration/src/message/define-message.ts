import type { z } from 'zod';
import { IntegrationOptionError } from '../errors/integration-errors.js';
import type { IntegrationMessage } from './integration-message.js';

type Schema = z.ZodType;

/** An integration message type: its name, the zod schema of its data and its default subject. */
export interface MessageDefinition<T extends string = string, S extends Schema = Schema> {
  readonly type: T;
  readonly schema: S;
  /** The subject used when the mapping gives none; defaults to the type. */
  readonly subject: string;
  /** Narrows a message of any type to this definition's (a property: `messages.filter(Def.is)` works). */
  readonly is: (message: IntegrationMessage) => message is IntegrationMessage<T, z.output<S>>;
}

export type MessageOf<M extends MessageDefinition> =
  M extends MessageDefinition<infer T, infer S> ? IntegrationMessage<T, z.output<S>> : never;

/** Defines an integration message: the contract other services rely on, versioned in its type name. */
export function defineMessage<const T extends string, S extends Schema>(
  type: T,
  schema: S,
  options: { readonly subject?: string } = {},
): MessageDefinition<T, S> {
  if (typeof type !== 'string' || type.length === 0 || /[\s*>]/.test(type)) {
    throw new IntegrationOptionError(
      'type',
      `a message type is a non-empty string without spaces, '*' or '>'`,
    );
  }
  return {
    type,
    schema,
    subject: options.subject ?? type,
    is: (message): message is IntegrationMessage<T, z.output<S>> => message.type === type,
  };
}
