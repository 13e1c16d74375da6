import { deepEqual } from './deep-equal.js';
import { formatValue } from './format-value.js';

/** What a spec compares of an event: its type and data (ids, metadata, timestamps ignored). */
export interface ComparedEvent {
  readonly type: string;
  readonly data: unknown;
}

export function toCompared(event: ComparedEvent): ComparedEvent {
  return { type: event.type, data: event.data };
}

export function sameEvents(expected: readonly ComparedEvent[], actual: readonly ComparedEvent[]): boolean {
  return (
    expected.length === actual.length &&
    expected.every((event, index) => {
      const other = actual[index];
      return other !== undefined && event.type === other.type && deepEqual(event.data, other.data);
    })
  );
}

export function describeEvent(event: ComparedEvent | undefined): string {
  return event === undefined ? '(no event)' : `${event.type} ${formatValue(event.data)}`;
}

export function countEvents(count: number): string {
  return `${count} event${count === 1 ? '' : 's'}`;
}

/** One line per index: equal pairs once, differing pairs as expected/actual. */
export function describeEventDiff(
  expected: readonly ComparedEvent[],
  actual: readonly ComparedEvent[],
): string {
  const lines: string[] = [];
  for (let index = 0; index < Math.max(expected.length, actual.length); index++) {
    const want = expected[index];
    const got = actual[index];
    const same =
      want !== undefined && got !== undefined && want.type === got.type && deepEqual(want.data, got.data);
    if (same) {
      lines.push(`  [${index}]   ${describeEvent(want)}`);
    } else {
      lines.push(`  [${index}] ✗ expected ${describeEvent(want)}`);
      lines.push(`        actual   ${describeEvent(got)}`);
    }
  }
  return lines.join('\n');
}

/** A thrown value in a message: `DomainError NOT_ENROLLED: enrol first`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}`;
  }
  return `a non-error value ${formatValue(error)}`;
}
