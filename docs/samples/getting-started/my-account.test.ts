import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { codeBlocksOf } from '../../samples-source.js';

const page = readFileSync(join(import.meta.dirname, '../../getting-started.md'), 'utf8');
const stepTen = page.split('\n').findIndex((line) => line.startsWith('## 10. '));

describe('getting started: your own aggregate', () => {
  it('runs as a script and prints what the page says', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await import('./my-account.js');
      const printed = log.mock.calls.map(([line]) => String(line));
      expect(printed).toEqual(['refused: INSUFFICIENT_BALANCE', 'balance 30 at version 1']);
      // The page shows this output in the first text block of step 10.
      const shown = codeBlocksOf('getting-started.md', page).find(
        (b) => b.lang === 'text' && b.line > stepTen,
      );
      expect(shown?.code).toBe(printed.join('\n'));
    } finally {
      log.mockRestore();
    }
  });
});
