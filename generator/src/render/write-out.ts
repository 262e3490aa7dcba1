import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { StrataError } from '../errors';
import { OWNED } from '../layers';
import { carryOver, recoverOut, swapIn, swapPaths, writeDurably } from './out-swap';

const HINTS: Record<string, string> = {
  EACCES:
    'check that you may write to the output folder and to its parent, where strata stages the new files',
  EPERM:
    'check that you may write to the output folder and to its parent, where strata stages the new files',
  EROFS: 'the file system is read-only; choose another folder with --out',
  EXDEV:
    'the output folder is a mount point; strata swaps it with a sibling folder, so it must be on the same file system as its parent (use --out with a folder inside the mount)',
  EBUSY: 'the output folder is a mount point or in use; use --out with a folder inside it',
  EISDIR: 'a folder has the name of a file strata writes; move that folder away',
  ENOTDIR: 'a file has the name of the output folder (or of a folder on its path); move it away',
  ENOSPC: 'the disk is full; free some space',
};

function ioError(error: unknown, outDir: string, cwd: string): StrataError {
  const e = error as NodeJS.ErrnoException;
  const raw = e.path ?? outDir;
  // A staging path means the parent folder refused; name the folder the user can act on.
  const named = basename(raw).startsWith('.strata-') ? dirname(raw) : raw;
  const path = relative(cwd, named) || named;
  const reason = e.code ? `${e.code} ${e.message.replace(/^\w+: /, '').split(',')[0]}` : e.message;
  return new StrataError(
    'E_IO',
    `cannot write ${path}: ${reason}; the output folder was left as it was`,
    HINTS[e.code ?? ''] ?? 'check the folder and try again',
  );
}

/** An owned name that exists as a folder would be silently replaced by the swap: refuse instead. */
function refuseFolders(outDir: string, files: Map<string, string>): void {
  if (!existsSync(outDir)) return;
  if (!lstatSync(outDir).isDirectory())
    throw Object.assign(new Error(`ENOTDIR: not a directory, '${outDir}'`), {
      code: 'ENOTDIR',
      path: outDir,
    });
  for (const name of files.keys()) {
    const path = join(outDir, name);
    if (existsSync(path) && lstatSync(path).isDirectory())
      throw Object.assign(new Error(`EISDIR: is a directory, '${path}'`), { code: 'EISDIR', path });
  }
}

/** Builds the complete new folder beside out/: the new files plus everything strata does not own. */
function stage(outDir: string, staging: string, files: Map<string, string>): string[] {
  // `--out build/cfn` may name a folder whose parent does not exist yet.
  mkdirSync(dirname(outDir), { recursive: true });
  mkdirSync(staging);
  for (const [name, text] of files) writeDurably(join(staging, name), text);
  const removed: string[] = [];
  if (!existsSync(outDir)) return removed;
  for (const name of readdirSync(outDir)) {
    if (files.has(name)) continue;
    if (OWNED.test(name)) removed.push(name);
    else carryOver(join(outDir, name), join(staging, name));
  }
  return removed.sort();
}

/**
 * Replaces the generated files of `outDir` with `files` in one switch (see out-swap.ts): a run
 * killed at any moment leaves out/ holding exactly the old set or exactly the new one. Files strata
 * does not own are carried over; owned files the topology no longer needs are dropped.
 */
export function writeOut(
  outDir: string,
  files: Map<string, string>,
  cwd = process.cwd(),
): { written: string[]; removed: string[]; unchanged: boolean } {
  const paths = swapPaths(outDir);
  let removed: string[];
  try {
    recoverOut(outDir);
    // The usual run renders what out/ already holds: leave it alone (no staging, no fsyncs, the
    // files' times kept) rather than switch in an identical copy.
    if (holdsExactly(outDir, files))
      return { written: [...files.keys()].sort(), removed: [], unchanged: true };
    refuseFolders(outDir, files);
    removed = stage(outDir, paths.staging, files);
    if (existsSync(outDir)) swapIn(outDir, paths);
    else renameSync(paths.staging, outDir);
  } catch (error) {
    rollBack(outDir, paths);
    throw ioError(error, outDir, cwd);
  }
  return { written: [...files.keys()].sort(), removed, unchanged: false };
}

/** True when the owned files of `outDir` are exactly `files`: the same names, byte for byte. */
function holdsExactly(outDir: string, files: Map<string, string>): boolean {
  let names: string[];
  try {
    names = readdirSync(outDir).filter((n) => OWNED.test(n));
  } catch {
    return false;
  }
  if (names.length !== files.size) return false;
  return names.every((name) => {
    const text = files.get(name);
    if (text === undefined) return false;
    try {
      const path = join(outDir, name);
      return lstatSync(path).isFile() && readFileSync(path, 'utf8') === text;
    } catch {
      return false;
    }
  });
}

/** Puts the old folder back if a rename failed half way, and drops what was staged. */
function rollBack(outDir: string, paths: ReturnType<typeof swapPaths>): void {
  try {
    if (!existsSync(outDir) && existsSync(paths.old)) renameSync(paths.old, outDir);
    rmSync(paths.staging, { recursive: true, force: true });
    rmSync(paths.journal, { force: true });
  } catch {
    // Nothing more can be done here; the journal (if left) lets the next run finish the job.
  }
}

/** The generated files currently in `outDir`, for `--check`; completes an interrupted switch first. */
export function readOut(outDir: string): Map<string, string> {
  const files = new Map<string, string>();
  try {
    recoverOut(outDir);
  } catch {
    // Reading must not fail because a leftover could not be cleaned; the next write reports it.
  }
  if (!existsSync(outDir)) return files;
  for (const name of readdirSync(outDir).sort()) {
    if (OWNED.test(name)) files.set(name, readFileSync(join(outDir, name), 'utf8'));
  }
  return files;
}
