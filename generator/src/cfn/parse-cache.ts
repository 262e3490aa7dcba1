import { createHash } from 'node:crypto';
import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../util/package-root';

/**
 * Parsing a rendered template back with the YAML library is the largest part of a `generate` (and of
 * `lint` and `diff` on out/): about a millisecond per resource. Most runs parse exactly the text a
 * previous run parsed (the layers an edit did not touch, the committed out/), so a successful parse is
 * kept as JSON under `node_modules/.cache/strata/parsed/`, named by a hash of the text and of the
 * parser (the library's version and the code file, which every build rewrites). Only successes are
 * kept: a text with a YAML error is parsed every time, so its errors and positions are the library's.
 * Lint's template positions are kept the same way.
 */
const KEEP = 200;

let dir: string | undefined;
let writable = true;

function cacheDir(): string | undefined {
  if (dir === undefined) {
    try {
      dir = join(packageRoot(), 'node_modules', '.cache', 'strata', 'parsed');
    } catch {
      dir = '';
    }
  }
  return dir || undefined;
}

/** JSON keeps a parsed template exactly unless it holds a non-finite number or a `__proto__` key. */
function jsonSafe(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(jsonSafe);
  for (const key of Object.keys(value)) {
    if (key === '__proto__' || !jsonSafe((value as Record<string, unknown>)[key])) return false;
  }
  return Object.getPrototypeOf(value) === Object.prototype;
}

/**
 * The identity of the code file a cached computation lives in (dist/, the bundle, or a test's source):
 * every build rewrites it, so no cache entry outlives the code that computed it.
 */
export function codeIdentity(filename: string): string {
  try {
    const { size, mtimeMs } = statSync(filename);
    return `${filename}:${size}:${mtimeMs}`;
  } catch {
    return `${filename}:${Math.random()}`;
  }
}

/**
 * A disk cache of JSON-safe values by key (a template's text, say): `compute` runs on a miss, and its
 * value is stored when it says `keep`. `salt` names everything the value depends on besides the key.
 */
export function diskCache<T>(
  salt: string,
): (key: string, compute: () => { value: T; keep: boolean }) => T {
  const prefix = createHash('sha256').update(salt).digest();
  return (key, compute) => {
    const folder = cacheDir();
    const name =
      folder && createHash('sha256').update(prefix).update(key).digest('hex').slice(0, 32);
    const file = folder && name ? join(folder, `${name}.json`) : undefined;
    if (file) {
      try {
        return JSON.parse(readFileSync(file, 'utf8')) as T;
      } catch {
        // A miss (or a damaged entry, rewritten below).
      }
    }
    const { value, keep } = compute();
    if (file && folder && keep && writable && jsonSafe(value)) store(folder, file, value);
    return value;
  };
}

function store(folder: string, file: string, value: unknown): void {
  try {
    mkdirSync(folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value));
    renameSync(temporary, file);
    prune(folder);
  } catch {
    // A read-only node_modules only costs speed.
    writable = false;
  }
}

/** Keeps the newest KEEP entries, so the folder stays bounded however many topologies are rendered. */
function prune(folder: string): void {
  const names = readdirSync(folder);
  if (names.length <= KEEP) return;
  const byAge = names
    .map((name) => ({ name, mtime: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime);
  for (const { name } of byAge.slice(0, names.length - KEEP)) {
    try {
      unlinkSync(join(folder, name));
    } catch {
      // Another process pruned it first.
    }
  }
}
