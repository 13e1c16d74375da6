import type * as core from '@strata/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { Identical } from './identical.js';
import type { Metadata } from './metadata-shape.js';

describe('core: the Metadata shape in core.md', () => {
  it('is the real type', () => {
    expectTypeOf<Metadata>().toEqualTypeOf<core.Metadata>();
    expectTypeOf<Identical<Metadata, core.Metadata>>().toEqualTypeOf<true>();
  });
});
