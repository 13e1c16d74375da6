/** Plain lines a person can follow, and small tables. */
export const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

export const heading = (title: string): void => {
  say();
  say(`== ${title}`);
};

export function table(rows: ReadonlyArray<Record<string, string | number | bigint>>): void {
  const first = rows[0];
  if (!first) return say('   (empty)');
  const columns = Object.keys(first);
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (cells: string[]) =>
    `   ${cells.map((cell, i) => cell.padEnd(width(columns[i]!))).join('  ')}`;
  say(line(columns));
  say(line(columns.map((c) => '-'.repeat(width(c)))));
  for (const row of rows) say(line(columns.map((c) => String(row[c]))));
}
