import { execFileSync, spawnSync } from 'node:child_process';
import { StrataError } from '../errors';

/** Runs git in `cwd`; undefined when it fails (callers decide what a failure means). */
export function git(cwd: string, args: string[], input?: string): string | undefined {
  const r = spawnSync('git', args, { cwd, input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return r.status === 0 ? r.stdout : undefined;
}

/** Checks that `ref` names a commit here, with an error that says what to do when it does not. */
export function checkRef(cwd: string, ref: string): void {
  if (git(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) !== undefined) return;
  try {
    execFileSync('git', ['rev-parse', '--is-inside-work-tree'], { cwd, stdio: 'ignore' });
  } catch {
    throw new StrataError(
      'E_USAGE',
      `${cwd} is not in a git repository, so there are no committed templates to compare with`,
      'commit out/ to git, or compare with the live stacks: strata diff --deployed',
    );
  }
  throw new StrataError(
    'E_USAGE',
    `--base ${ref} is not a commit in this git repository`,
    'pass a branch, tag or commit, e.g. --base HEAD~1 or --base main',
  );
}

/**
 * Reads several files as committed at `ref` in one `git cat-file --batch` (paths relative to `cwd`);
 * a file missing at that ref maps to undefined. One process instead of one per file keeps diff fast.
 */
export function showFiles(
  cwd: string,
  ref: string,
  paths: string[],
): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  if (paths.length === 0) return out;
  const r = spawnSync('git', ['cat-file', '--batch'], {
    cwd,
    input: paths.map((p) => `${ref}:./${p}\n`).join(''),
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.status !== 0)
    throw new StrataError('E_IO', `git cat-file failed: ${String(r.stderr).trim()}`);
  const buf = r.stdout as Buffer;
  let at = 0;
  for (const path of paths) {
    const eol = buf.indexOf(10, at);
    const header = buf.subarray(at, eol).toString('utf8');
    at = eol + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) {
      out.set(path, undefined); // "<object> missing"
      continue;
    }
    const size = Number(m[2]);
    out.set(path, m[1] === 'blob' ? buf.subarray(at, at + size).toString('utf8') : undefined);
    at += size + 1;
  }
  return out;
}

/** The files under `paths` that differ between `ref` and the working tree, tracked or not. */
export function changedSince(cwd: string, ref: string, paths: string[]): string[] {
  if (ref === 'HEAD') {
    // One process: status lists staged, unstaged and untracked changes against HEAD together.
    const status = git(cwd, ['status', '--porcelain', '--untracked-files=all', '--', ...paths]);
    if (status !== undefined)
      return status
        .split('\n')
        .filter(Boolean)
        .map((l) => l.slice(3));
  }
  const tracked = git(cwd, ['diff', '--name-only', ref, '--', ...paths]) ?? '';
  const untracked = git(cwd, ['ls-files', '--others', '--exclude-standard', '--', ...paths]) ?? '';
  return `${tracked}${untracked}`.split('\n').filter(Boolean);
}
