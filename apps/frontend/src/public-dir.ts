/** Finding the static files in each layout the frontend runs from. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The folder holding index.html: `public/` beside the code (ts source under jest, and the esbuild bundle, whose
 * artifact ships `public/` next to `server.js`), else the source folder when running tsc output from `dist/`.
 */
export function findPublicDir(here: string = __dirname): string {
  const candidates = [
    path.join(here, 'public'),
    path.resolve(here, '../../../../apps/frontend/src/public'),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) throw new Error(`static files not found; looked in ${candidates.join(' and ')}`);
  return found;
}
