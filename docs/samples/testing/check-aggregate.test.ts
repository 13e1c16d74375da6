import { readFileSync } from 'node:fs';
import { AggregatePropertyError } from '@strata/testing';
import { expect, it } from 'vitest';
// Importing the samples registers their checks in this file.
import { checkCareless } from './check-aggregate.js';

const guide = readFileSync(new URL('../../testing.md', import.meta.url), 'utf8');

it('the guide shows the real report of the failing check', async () => {
  const error: unknown = await checkCareless().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(AggregatePropertyError);
  expect(guide).toContain((error as AggregatePropertyError).message);
});
