/** Progress of a long run, on stderr so stdout keeps only the table. */
export interface Progress {
  step(message: string): void;
  done(): void;
}

export function stderrProgress(suite: string): Progress {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let shown = false;
  return {
    step(message) {
      const line = `[${suite} ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`;
      if (tty) process.stderr.write(`\r\x1b[2K${line}`);
      else process.stderr.write(`${line}\n`);
      shown = true;
    },
    done() {
      if (tty && shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
