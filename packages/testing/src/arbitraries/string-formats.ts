import fc from 'fast-check';
import type { BuildContext } from './build-context.js';
import type { AnySchema, CheckDef } from './zod-internals.js';

const lowerAlnum = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789');
const lowerAlpha = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz');
const word = (min: number, max: number) => fc.string({ unit: lowerAlnum, minLength: min, maxLength: max });

const hostname = fc
  .tuple(
    fc.array(word(1, 10), { minLength: 1, maxLength: 2 }),
    fc.string({ unit: lowerAlpha, minLength: 2, maxLength: 6 }),
  )
  .map(([labels, tld]) => [...labels, tld].join('.'));

const email = fc
  .tuple(fc.array(word(1, 10), { minLength: 1, maxLength: 2 }), hostname)
  .map(([local, host]) => `${local.join('.')}@${host}`);

// fast-check's webUrl takes seconds to build its first value; this plain shape is enough for zod.
const url = fc
  .tuple(
    fc.constantFrom('https', 'http'),
    hostname,
    fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
    fc.array(word(1, 8), { maxLength: 3 }),
    fc.option(fc.tuple(word(1, 6), word(0, 6)), { nil: undefined }),
  )
  .map(([scheme, host, port, segments, query]) => {
    const path = segments.length > 0 ? `/${segments.join('/')}` : '';
    const search = query ? `?${query[0]}=${query[1]}` : '';
    return `${scheme}://${host}${port === undefined ? '' : `:${port}`}${path}${search}`;
  });

// Four-digit years, so every format zod accepts for a date holds.
const calendarDate = fc.date({
  min: new Date('1900-01-01T00:00:00.000Z'),
  max: new Date('2199-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});

const duration = fc
  .tuple(fc.nat(20), fc.nat(11), fc.nat(30), fc.nat(23), fc.nat(59), fc.nat(59))
  .map(([y, mo, d, h, mi, s]) => `P${y}Y${mo}M${d}DT${h}H${mi}M${s}S`);

const bytes = fc.uint8Array({ maxLength: 24 });
const toBase64 = (data: Uint8Array) => btoa(String.fromCharCode(...data));
const toBase64Url = (data: Uint8Array) =>
  toBase64(data).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

function jwt(algorithm: string | undefined): fc.Arbitrary<string> {
  const header = (alg: string) => toBase64Url(new TextEncoder().encode(JSON.stringify({ alg, typ: 'JWT' })));
  const payload = fc
    .record({ sub: word(1, 8), iat: fc.nat() })
    .map((claims) => toBase64Url(new TextEncoder().encode(JSON.stringify(claims))));
  return fc
    .tuple(fc.constantFrom(algorithm ?? 'HS256'), payload, bytes)
    .map(([alg, body, signature]) => `${header(alg)}.${body}.${toBase64Url(signature)}`);
}

const hexGroup = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 4 });
// Full eight-group form: zod's regex is slow to generate from.
const ipv6 = fc.array(hexGroup, { minLength: 8, maxLength: 8 }).map((groups) => groups.join(':'));

const EMOJI = ['😀', '🎉', '🚀', '👍', '🔥', '🌍', '✨', '🧪'];

/** The version number of `z.uuid({ version: 'v4' })`, for fast-check's `uuid`. */
function uuidVersion(check: CheckDef): 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | undefined {
  const version = check['version'];
  if (typeof version !== 'string') return undefined;
  const n = Number(version.slice(1));
  return n >= 1 && n <= 8 ? (n as 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8) : undefined;
}

/**
 * Values of one zod string format. Readable generators for the common ones; the rest come
 * from the format's own regex. The caller filters when other checks apply as well.
 */
export function formatArbitrary(check: CheckDef, schema: AnySchema, ctx: BuildContext): fc.Arbitrary<string> {
  const format = check['format'] as string;
  switch (format) {
    case 'email':
      return email;
    case 'uuid': {
      const version = uuidVersion(check);
      return version === undefined ? fc.uuid() : fc.uuid({ version });
    }
    case 'url':
      return url;
    case 'ipv6':
      return ipv6;
    case 'hostname':
      return hostname;
    case 'datetime':
      // The default (UTC, any precision) reads toISOString as is; the variants use zod's regex.
      if (check['offset'] === false && check['local'] === false && check['precision'] === null) {
        return calendarDate.map((date) => date.toISOString());
      }
      break;
    case 'date':
      return calendarDate.map((date) => date.toISOString().slice(0, 10));
    case 'duration':
      return duration;
    case 'base64':
      return bytes.map(toBase64);
    case 'base64url':
      return bytes.map(toBase64Url);
    case 'jwt':
      return jwt(typeof check['alg'] === 'string' ? check['alg'] : undefined);
    case 'emoji':
      return fc.array(fc.constantFrom(...EMOJI), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(''));
    case 'json_string':
      return fc.json({ maxDepth: 2 });
  }
  const pattern = check['pattern'];
  if (!(pattern instanceof RegExp)) {
    return ctx.unsupported(schema, `the string format '${format}' has no pattern to generate from`);
  }
  try {
    return fc.stringMatching(pattern);
  } catch (error) {
    return ctx.unsupported(
      schema,
      `fast-check cannot generate strings for the pattern ${String(pattern)} (${(error as Error).message})`,
    );
  }
}
