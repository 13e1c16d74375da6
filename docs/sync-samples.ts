// `pnpm --filter @strata/docs sync`: rewrites every block marked `<!-- sample: samples/x.ts#name -->`
// with the current code of that region. Write the marker and an empty ```ts block, then run it.
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadGuide } from './guide.js';
import { syncPage } from './samples-source.js';

const guide = loadGuide();
let changed = 0;
for (const page of guide.pages) {
  const before = readFileSync(page, 'utf8');
  const after = syncPage(relative(guide.root, page), before, guide.regionsById);
  if (after !== before) {
    writeFileSync(page, after);
    changed++;
    console.log(`synced ${relative(guide.root, page)}`);
  }
}
console.log(`${changed} page(s) changed`);
