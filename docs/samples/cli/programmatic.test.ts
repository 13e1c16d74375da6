import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { badConfig, commandNames, configOf, runMain } from './programmatic.js';

const dir = mkdtempSync(join(tmpdir(), 'strata-docs-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CLI: programmatic use', () => {
  it('main runs a command and gives its exit code', async () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await runMain()).toBe(0);
      const printed = out.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(JSON.parse(printed)).toMatchObject({ events: 0, streams: 0 });
    } finally {
      out.mockRestore();
    }
  });

  it('createProgram lists the command groups', () => {
    expect(commandNames()).toEqual([
      'streams',
      'events',
      'migrate',
      'doctor',
      'projections',
      'dead-letters',
      'sagas',
    ]);
  });

  it('findConfig and loadConfig find the file from a folder below', async () => {
    writeFileSync(join(dir, 'strata.config.json'), JSON.stringify({ store: 'memory:' }));
    mkdirSync(join(dir, 'src'), { recursive: true });
    const { path, config } = await configOf(join(dir, 'src'));
    expect(path).toBe(join(dir, 'strata.config.json'));
    expect(config).toEqual({ store: 'memory:' });
  });

  it('a missing --config file is a CliError with a hint and exit code 2', async () => {
    const error = await badConfig(dir);
    expect(error).toMatchObject({ code: 'CONFIG_NOT_FOUND', hint: 'check the --config path', exitCode: 2 });
  });
});
