import type { WebhookDeadLetter, WebhookStore, WebhookSubscription } from './webhook-store.js';

export class MemoryWebhookStore implements WebhookStore {
  readonly #subscriptions = new Map<string, WebhookSubscription>();
  readonly #deadLetters = new Map<string, WebhookDeadLetter>();

  async save(subscription: WebhookSubscription): Promise<void> {
    this.#subscriptions.set(subscription.id, subscription);
  }
  async remove(id: string): Promise<void> {
    this.#subscriptions.delete(id);
  }
  async get(id: string): Promise<WebhookSubscription | undefined> {
    return this.#subscriptions.get(id);
  }
  async list(): Promise<WebhookSubscription[]> {
    return [...this.#subscriptions.values()];
  }
  async addDeadLetter(letter: WebhookDeadLetter): Promise<void> {
    this.#deadLetters.set(letter.id, letter);
  }
  async deadLetters(): Promise<WebhookDeadLetter[]> {
    return [...this.#deadLetters.values()];
  }
  async removeDeadLetter(id: string): Promise<void> {
    this.#deadLetters.delete(id);
  }
}
