import { describe, expect, it } from 'vitest';
import { oneDashboard } from './telemetry.js';

describe('integration events: projections and sagas on the shared telemetry', () => {
  it('reports projection batches and saga steps to the same listener', async () => {
    const seen = await oneDashboard();
    expect(seen.map((e) => `${e.component} ${e.target} ${e.kind} ${e.messageType}`)).toEqual([
      'projection points delivered *',
      'saga archive-account started *',
      'saga archive-account delivered archive',
      'saga archive-account ended *',
    ]);
  });
});
