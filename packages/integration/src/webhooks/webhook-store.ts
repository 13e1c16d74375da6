import type { DeadLetter } from '../bus/dead-letter.js';
import { compilePattern } from '../bus/pattern.js';
import type { IntegrationMessage } from '../message/integration-message.js';

/** A partner's endpoint and what it wants. */
export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  /** Message types or patterns (`loyalty.*`, `loyalty.>`). */
  readonly eventTypes: readonly string[];
  readonly secret: string;
  /** When set, only this tenant's messages are sent. */
  readonly tenantId?: string;
}

/** A delivery that failed after its last retry: which subscription, what message, why. */
export interface WebhookDeadLetter extends DeadLetter {
  readonly subscriptionId: string;
}

/** Where webhook subscriptions and their dead letters are kept. */
export interface WebhookStore {
  save(subscription: WebhookSubscription): Promise<void>;
  remove(id: string): Promise<void>;
  get(id: string): Promise<WebhookSubscription | undefined>;
  list(): Promise<WebhookSubscription[]>;
  addDeadLetter(letter: WebhookDeadLetter): Promise<void>;
  deadLetters(): Promise<WebhookDeadLetter[]>;
  removeDeadLetter(id: string): Promise<void>;
}

/** Whether a subscription wants a message: a type pattern matches, and the tenant is its own. */
export function wants(subscription: WebhookSubscription, message: IntegrationMessage): boolean {
  if (subscription.tenantId !== undefined && subscription.tenantId !== message.tenantId) return false;
  return subscription.eventTypes.some((pattern) => compilePattern(pattern)(message.type));
}
