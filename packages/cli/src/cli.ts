import { main } from './program.js';

process.exitCode = await main(process.argv.slice(2));
// A driver that keeps a handle open must not keep a finished command alive; the unref timer
// only fires if something else holds the event loop, so piped output is flushed first.
setTimeout(() => process.exit(), 2000).unref();
