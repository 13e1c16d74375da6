// Plain lines a person can follow, small tables and a progress bar.
export const say = (line = ''): void => {
  process.stdout.write(`${line}\n`);
};

export const heading = (title: string): void => {
  say();
  say(`== ${title}`);
};

export function table(rows: ReadonlyArray<Record<string, string | number | bigint | null>>): void {
  const first = rows[0];
  if (!first) return say('   (empty)');
  const columns = Object.keys(first);
  const width = (c: string) => Math.max(c.length, ...rows.map((r) => String(r[c]).length));
  const line = (cells: string[]) =>
    `   ${cells.map((cell, i) => cell.padEnd(width(columns[i]!))).join('  ')}`.trimEnd();
  say(line(columns));
  say(line(columns.map((c) => '-'.repeat(width(c)))));
  for (const row of rows) say(line(columns.map((c) => String(row[c] ?? '-'))));
}

/** Cents as euros: `2800` → `€28.00`. */
export const euros = (cents: number): string => `€${(cents / 100).toFixed(2)}`;

const BAR_WIDTH = 30;

/**
 * A progress bar: redrawn in place on a terminal; elsewhere (a pipe, CI, a test) only the
 * finished bar is printed, so the output stays readable.
 */
export class ProgressBar {
  readonly #tty = process.stdout.isTTY === true;
  readonly #label: string;
  #last = '';

  constructor(label: string) {
    this.#label = label;
  }

  update(done: number, total: number, rate?: number): void {
    this.#last = this.#render(done, total, rate);
    if (this.#tty) process.stdout.write(`\r${this.#last}`);
  }

  finish(): void {
    process.stdout.write(this.#tty ? '\n' : `${this.#last}\n`);
  }

  #render(done: number, total: number, rate: number | undefined): string {
    const fraction = total === 0 ? 1 : Math.min(1, done / total);
    const filled = Math.round(fraction * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const percent = `${Math.round(fraction * 100)}%`.padStart(4);
    const speed = rate === undefined ? '' : `, ${rate.toLocaleString('en')} events/s`;
    return `   ${this.#label} ${bar} ${percent} ${done.toLocaleString('en')}/${total.toLocaleString('en')}${speed}`;
  }
}
