import { IntegrationOptionError } from '../errors/integration-errors.js';

/**
 * Compiles a subscription pattern over dot-separated message types (NATS's rules): `*` matches
 * exactly one token, a final `>` one or more; anything else matches itself.
 */
export function compilePattern(pattern: string): (type: string) => boolean {
  const tokens = pattern.split('.');
  if (pattern.length === 0 || tokens.some((t) => t.length === 0))
    throw new IntegrationOptionError('pattern', `'${pattern}' has an empty token`);
  const wildcard = tokens.findIndex((t) => t === '>');
  if (wildcard !== -1 && wildcard !== tokens.length - 1)
    throw new IntegrationOptionError('pattern', `'${pattern}': '>' may only be the last token`);
  if (!tokens.some((t) => t === '*' || t === '>')) return (type) => type === pattern;
  return (type) => {
    const parts = type.split('.');
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i];
      if (token === '>') return parts.length > i;
      if (i >= parts.length) return false;
      if (token !== '*' && token !== parts[i]) return false;
    }
    return parts.length === tokens.length;
  };
}
