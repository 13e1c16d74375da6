import type { CliContext } from '../context.js';

/** Runs a command's work with the opened context, and closes it afterwards. */
export type Run = (work: (ctx: CliContext) => Promise<void>) => Promise<void>;
