import type { IntegrationMessage } from './integration-message.js';

/**
 * Where the relay hands messages. `publish` resolves once the transport has taken the message
 * durably (a broker ack, a 2xx, a handler finished or dead-lettered); the relay checkpoints
 * only after every publisher resolved, and retries when one rejects.
 */
export interface Publisher {
  readonly name: string;
  publish(message: IntegrationMessage): Promise<void>;
}
