import type { IntegrationMessage } from '../message/integration-message.js';

/** A message a handler kept failing on, parked with the last error until someone redelivers it. */
export interface DeadLetter {
  readonly id: string;
  /** The subscription (bus), endpoint (webhook) or consumer (NATS) that failed. */
  readonly target: string;
  readonly message: IntegrationMessage;
  readonly attempts: number;
  readonly error: { readonly name: string; readonly message: string; readonly code?: string };
  readonly failedAt: Date;
}

export function describeError(error: unknown): DeadLetter['error'] {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}) };
  }
  return { name: 'Error', message: String(error) };
}
