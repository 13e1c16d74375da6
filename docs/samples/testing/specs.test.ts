import { readFileSync } from 'node:fs';
import { SpecAssertionError } from '@strata/testing';
import { expect, it } from 'vitest';
// Importing the samples registers their specs in this file.
import { wrongReason } from './specs.js';

const guide = readFileSync(new URL('../../testing.md', import.meta.url), 'utf8');

it('the guide shows the real message of a failing spec', async () => {
  const error: unknown = await wrongReason().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(SpecAssertionError);
  expect(guide).toContain((error as SpecAssertionError).message);
});
