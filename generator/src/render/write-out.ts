import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  existsSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { StrataError } from '../errors';
import { OWNED } from '../layers';

/**
 * Replaces the generated files of `outDir` with `files`, all or nothing: everything is written to
 * a sibling temporary folder first, then each file is renamed into place (a rename is atomic on one
 * file system), and stale generated files (a layer the topology no longer needs) are removed last.
 */
export function writeOut(
  outDir: string,
  files: Map<string, string>,
): { written: string[]; removed: string[] } {
  const staging = join(dirname(outDir), `.strata-tmp-${basename(outDir)}-${process.pid}`);
  try {
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    for (const [name, text] of files) writeFileSync(join(staging, name), text);
    mkdirSync(outDir, { recursive: true });
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw new StrataError(
      'E_IO',
      `cannot write ${outDir}: ${(error as Error).message}`,
      'check that the folder is writable',
    );
  }
  const written: string[] = [];
  for (const name of [...files.keys()].sort()) {
    renameSync(join(staging, name), join(outDir, name));
    written.push(name);
  }
  const removed = readdirSync(outDir).filter((name) => OWNED.test(name) && !files.has(name));
  for (const name of removed) rmSync(join(outDir, name));
  rmSync(staging, { recursive: true, force: true });
  return { written, removed };
}

/** The generated files currently in `outDir`, for `--check`. */
export function readOut(outDir: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(outDir)) return files;
  for (const name of readdirSync(outDir).sort()) {
    if (OWNED.test(name)) files.set(name, readFileSync(join(outDir, name), 'utf8'));
  }
  return files;
}
