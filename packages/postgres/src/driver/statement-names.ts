import { createHash } from 'node:crypto';

/** Texts that get a name, per driver: Strata's own statements number about a dozen a schema. */
const MAX_NAMED = 128;

/**
 * Names for the statements Strata runs again and again (event reads, appends), so that each
 * connection parses and plans each one once: a named statement is prepared on a connection's
 * first use and only bound and executed after. For a short stream that is most of a read's
 * cost (about 0.7 ms a read unnamed, 0.2 ms named, on this project's benchmark machine).
 *
 * The name is a digest of the text, so one name never means two texts (`pg` refuses that).
 * Past `MAX_NAMED` texts, statements go unnamed: a connection keeps every statement it
 * prepared until it closes.
 */
export class StatementNames {
  readonly #names = new Map<string, string>();

  /** The name for `text`, or undefined when it is to go unnamed. */
  nameOf(text: string): string | undefined {
    const known = this.#names.get(text);
    if (known !== undefined || this.#names.size >= MAX_NAMED) return known;
    const name = `strata_${createHash('sha256').update(text).digest('hex').slice(0, 32)}`;
    this.#names.set(text, name);
    return name;
  }
}
