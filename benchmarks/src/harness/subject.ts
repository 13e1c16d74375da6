import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A package's version as `require` resolves it from where `require` was made; 'unknown' if not
 * found. Packages whose exports hide package.json are found from their entry point upwards.
 */
export function versionOf(require: NodeJS.Require, name: string): string {
  try {
    return (require(`${name}/package.json`) as { version: string }).version;
  } catch {
    try {
      for (let dir = dirname(require.resolve(name)); dir !== dirname(dir); dir = dirname(dir)) {
        try {
          const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
            name?: string;
            version?: string;
          };
          if (manifest.name === name && manifest.version) return manifest.version;
        } catch {
          // no package.json at this level: keep climbing
        }
      }
    } catch {
      // not resolvable from here
    }
    return 'unknown';
  }
}

/** The commit of a folder, marked when its files differ from it; undefined outside git. */
export function commitOf(folder: string): string | undefined {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: folder, encoding: 'utf8' }).trim();
    const commit = git('rev-parse', '--short', 'HEAD');
    return git('status', '--porcelain', '--', '.') === '' ? commit : `${commit} + uncommitted changes`;
  } catch {
    return undefined;
  }
}
