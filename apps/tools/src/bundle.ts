/** Builds an app the way its EC2 artifact ships it: one esbuild `server.js` plus `public/` beside it. */
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bundleServer } from '../../../generator/src/deploy/artifacts';

/** The apps that have a server entry point. */
export type AppName = 'backend' | 'frontend';

/** Repository root, from this file's place in `apps/tools/src` (ts) or `dist/apps/tools/src` (tsc output). */
export function repoRoot(here: string = __dirname): string {
  const up = path.resolve(here, '../../..');
  return path.basename(up) === 'dist' ? path.dirname(up) : up;
}

/**
 * Bundles `apps/<app>/src/server.ts` into `<outDir>/server.js` exactly as deploy does (node20, CommonJS, every
 * dependency inlined) and copies `apps/<app>/src/public/` to `<outDir>/public/` when it exists, as the artifact
 * holds them. Returns the path of server.js.
 */
export async function bundleApp(
  app: AppName,
  outDir: string,
  root: string = repoRoot(),
): Promise<string> {
  const source = path.join(root, 'apps', app, 'src');
  const outfile = path.join(outDir, 'server.js');
  await mkdir(outDir, { recursive: true });
  // The same esbuild call `strata deploy` packages artifacts with, so tests run what EC2 runs.
  await writeFile(outfile, await bundleServer(root, `apps/${app}/src/server.ts`));
  if (existsSync(path.join(source, 'public')))
    await cp(path.join(source, 'public'), path.join(outDir, 'public'), { recursive: true });
  return outfile;
}
