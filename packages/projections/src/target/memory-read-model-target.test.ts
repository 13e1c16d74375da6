import { MemoryCheckpointStore } from '@strata/core';
import { describe, expect, it } from 'vitest';
import { BuildRetiredError, DocumentNotFoundError } from '../errors/projection-errors.js';
import { MemoryReadModelTarget } from './memory-read-model-target.js';

const build = { name: 'p', version: 1, generation: 0, state: 'active' } as const;

describe('MemoryReadModelTarget', () => {
  it('a batch commits documents and checkpoint together, and a throwing batch changes nothing', async () => {
    const target = new MemoryReadModelTarget();
    const checkpoints = new MemoryCheckpointStore();
    await target.createBuild(build);
    await target.batch(build, checkpoints, async ({ context, saveCheckpoint }) => {
      const docs = context.documents<{ n: number; tags: string[] }>('c');
      await docs.set('a', { n: 1, tags: [] });
      await docs.update('a', (d) => {
        d.n++;
        d.tags.push('x');
      });
      expect(await docs.get('a')).toEqual({ n: 2, tags: ['x'] });
      await docs.set('b', { n: 5, tags: [] });
      await docs.delete('b');
      saveCheckpoint(4n);
    });
    const failed = target.batch(build, checkpoints, async ({ context, saveCheckpoint }) => {
      await context.documents<{ n: number }>('c').set('a', { n: 99 });
      saveCheckpoint(9n);
      await context.documents('c').update('missing', () => undefined);
    });
    await expect(failed).rejects.toBeInstanceOf(DocumentNotFoundError);
    const docs = target.documents<{ n: number; tags: string[] }>('p', 'c');
    expect(await docs.get('a')).toEqual({ n: 2, tags: ['x'] });
    expect(Object.isFrozen(await docs.get('a'))).toBe(true);
    expect(await docs.count()).toBe(1);
    expect(await checkpoints.load('projection:p:v1.0')).toBe(4n);
    await target.activate({ ...build, version: 2 });
    await expect(target.batch(build, checkpoints, async () => undefined)).rejects.toBeInstanceOf(
      BuildRetiredError,
    );
  });
});
