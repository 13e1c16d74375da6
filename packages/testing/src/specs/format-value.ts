const MAX_LENGTH = 400;

/**
 * One line of text for a value in an assertion message: JSON-like, but showing what
 * JSON would hide (bigint as `12n`, undefined, Dates, Maps, Sets), cut at a readable length.
 */
export function formatValue(value: unknown): string {
  const seen = new WeakSet<object>();
  const text = JSON.stringify(value, function (this: unknown, key: string, v: unknown): unknown {
    // `v` is already converted by toJSON for Dates; read the raw value from the holder.
    const raw = key === '' ? value : (this as Record<string, unknown>)[key];
    if (typeof raw === 'bigint') return `${raw.toString()}n`;
    if (raw === undefined) return 'undefined';
    if (typeof raw === 'function') return `[function ${raw.name || 'anonymous'}]`;
    if (typeof raw === 'symbol') return raw.toString();
    if (raw instanceof Date) return `Date(${Number.isNaN(raw.getTime()) ? 'invalid' : raw.toISOString()})`;
    if (typeof raw === 'number' && !Number.isFinite(raw)) return String(raw);
    if (raw instanceof Map) return { Map: [...raw.entries()] };
    if (raw instanceof Set) return { Set: [...raw.values()] };
    if (raw !== null && typeof raw === 'object') {
      if (seen.has(raw)) return '[repeated]';
      seen.add(raw);
    }
    return v;
  });
  const line = text ?? String(value);
  return line.length > MAX_LENGTH ? `${line.slice(0, MAX_LENGTH)}… (${line.length} characters)` : line;
}
