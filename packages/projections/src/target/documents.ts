import { produce } from 'immer';

/** A recipe in immer's style: mutate the draft (or return a replacement document). */
export type Recipe<T> = (draft: T) => void | T;

/** The read side of a collection: what serving code uses. */
export interface ReadDocuments<T> {
  get(id: string): Promise<T | undefined>;
  /** Every document that satisfies `predicate` (scans the collection: keep it for small ones). */
  find(predicate: (doc: T, id: string) => boolean): Promise<T[]>;
  /** How many documents the collection holds. */
  count(): Promise<number>;
}

/** A collection of JSON documents keyed by id, as a handler writes it within its batch. */
export interface Documents<T> extends ReadDocuments<T> {
  set(id: string, doc: T): Promise<void>;
  /** Changes an existing document; a missing one is a `DocumentNotFoundError`. */
  update(id: string, recipe: Recipe<T>): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Applies a recipe to a document, immer-style: the result is a new document, the old one unchanged. */
export function applyRecipe<T>(doc: T, recipe: Recipe<T>): T {
  const next: unknown = produce(doc as unknown, recipe as (draft: unknown) => void);
  return next as T;
}
