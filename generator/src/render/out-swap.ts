import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * How out/ is switched from the old set of files to the new one.
 *
 * Linux can swap two directories atomically with renameat2(RENAME_EXCHANGE), but Node has no binding
 * for it, and a native addon would need a compiler on every machine that installs strata (and does
 * not exist on macOS or Windows). So the new set is staged in a sibling folder, and the switch is two
 * renames back to back (out → old, new → out) recorded in a journal written before the first one:
 * a run killed between them leaves the journal, and the next strata run that reads or writes out/
 * completes the switch before anything else. out/ stays a real directory (git tracks it, no
 * symlink), and between the journal and the second rename the only state is "old" or "new".
 */

/** Sibling paths strata uses while switching `outDir`. */
export interface SwapPaths {
  staging: string;
  old: string;
  journal: string;
}

/** The staging, old and journal paths for `outDir` and the process `pid`. */
export function swapPaths(outDir: string, pid = process.pid): SwapPaths {
  const parent = dirname(outDir);
  const base = basename(outDir);
  return {
    staging: join(parent, `.strata-new-${base}-${pid}`),
    old: join(parent, `.strata-old-${base}-${pid}`),
    journal: join(parent, `.strata-swap-${base}.json`),
  };
}

function fsyncPath(path: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // Directories cannot be opened for fsync on every platform (Windows); durability is best effort.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes a file and flushes it, so a crash after the journal never finds it half on disk. */
export function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'w');
  try {
    writeFileSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Hard-links (or, across devices, copies) an entry strata does not own into the staging folder. */
export function carryOver(from: string, to: string): void {
  const stat = lstatSync(from);
  if (stat.isDirectory()) {
    mkdirSync(to, { mode: stat.mode });
    for (const name of readdirSync(from)) carryOver(join(from, name), join(to, name));
    return;
  }
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** The two renames, after the journal that lets a later run finish them. */
export function swapIn(outDir: string, paths: SwapPaths): void {
  writeDurably(`${paths.journal}.tmp`, JSON.stringify({ pid: process.pid, ...paths }));
  renameSync(`${paths.journal}.tmp`, paths.journal);
  fsyncPath(dirname(outDir));
  renameSync(outDir, paths.old);
  renameSync(paths.staging, outDir);
  fsyncPath(dirname(outDir));
  // Switched: from here on a failure to tidy up is left for recoverOut, never reported as a failure.
  try {
    rmSync(paths.journal, { force: true });
    rmSync(paths.old, { recursive: true, force: true });
  } catch {
    // recoverOut removes leftovers of dead runs.
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Finishes a switch a killed run left half done: the journal means the new set is complete. */
function completeJournal(outDir: string, journal: string): void {
  let paths: SwapPaths & { pid: number };
  try {
    paths = JSON.parse(readFileSync(journal, 'utf8')) as SwapPaths & { pid: number };
  } catch {
    rmSync(journal, { force: true });
    return;
  }
  if (alive(paths.pid)) return;
  if (existsSync(paths.staging)) {
    if (existsSync(outDir) && !existsSync(paths.old)) renameSync(outDir, paths.old);
    if (!existsSync(outDir)) renameSync(paths.staging, outDir);
  }
  rmSync(journal, { force: true });
  rmSync(paths.old, { recursive: true, force: true });
  rmSync(paths.staging, { recursive: true, force: true });
}

/**
 * Completes an interrupted switch of `outDir`, then removes staging folders that killed runs left
 * (today's `.strata-new-`/`.strata-old-` and the `.strata-tmp-` of earlier versions).
 */
export function recoverOut(outDir: string): void {
  const parent = dirname(outDir);
  const base = basename(outDir);
  const journal = join(parent, `.strata-swap-${base}.json`);
  if (existsSync(journal)) completeJournal(outDir, journal);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return;
  }
  const escaped = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const leftover = new RegExp(`^\\.strata-(?:new|old|tmp)-${escaped}-(\\d+)$`);
  for (const name of names) {
    const pid = leftover.exec(name)?.[1];
    if (pid !== undefined && !alive(Number(pid)) && !existsSync(journal))
      rmSync(join(parent, name), { recursive: true, force: true });
  }
}
