import { describe, expect, it } from 'vitest';
import { UnknownStoreSchemeError } from '../errors/store-errors.js';
import { MemoryCheckpointStore } from '../checkpoints/memory-checkpoint-store.js';
import { toArray } from './async-iterables.js';
import {
  createEventStore,
  registerEventStore,
  registeredEventStoreSchemes,
  schemeOf,
} from './create-event-store.js';
import { MemoryEventStore } from './memory-event-store.js';

describe('createEventStore', () => {
  it('builds the memory store for memory:', async () => {
    const store = createEventStore('memory:');
    expect(store).toBeInstanceOf(MemoryEventStore);
    await store.append('s-1', [{ type: 't', data: {} }]);
    expect(await toArray(store.readStream('s-1'))).toHaveLength(1);
  });

  it('names the registered schemes when the scheme is unknown', () => {
    expect(() => createEventStore('mongodb://x')).toThrow(UnknownStoreSchemeError);
    expect(() => createEventStore('mongodb://x')).toThrow(/Registered schemes: .*memory:/);
  });

  it('lets adapters register schemes, with or without the colon', () => {
    let seen: string | undefined;
    registerEventStore(['fake', 'fake+tls:'], (url) => {
      seen = url;
      return new MemoryEventStore();
    });
    createEventStore('FAKE://host/db');
    expect(seen).toBe('FAKE://host/db');
    expect(registeredEventStoreSchemes()).toEqual(expect.arrayContaining(['fake:', 'fake+tls:', 'memory:']));
    expect(schemeOf('postgres://u@h/db')).toBe('postgres:');
  });
});

describe('MemoryCheckpointStore', () => {
  it('keeps bigint positions per name', async () => {
    const checkpoints = new MemoryCheckpointStore();
    expect(await checkpoints.load('p')).toBeUndefined();
    await checkpoints.save('p', 2n ** 70n);
    await checkpoints.save('q', 1n);
    expect(await checkpoints.load('p')).toBe(2n ** 70n);
    await checkpoints.delete('p');
    expect(await checkpoints.load('p')).toBeUndefined();
    expect(await checkpoints.load('q')).toBe(1n);
  });
});
