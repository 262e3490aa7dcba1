import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let found: string | undefined;

/** The repository strata runs from: the folder holding its package.json and templates/. */
export function packageRoot(): string {
  if (found) return found;
  let dir = __dirname;
  while (!existsSync(join(dir, 'templates')) || !existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('cannot find the strata package root (templates/ and package.json)');
    dir = parent;
  }
  found = dir;
  return dir;
}
