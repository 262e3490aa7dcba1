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

/** Thrown while serialising a value JSON would not give back exactly. */
class NotJsonSafe extends Error {}

/**
 * JSON keeps a parsed value exactly unless it holds a non-finite number, an undefined, a `__proto__`
 * key or an object that is not plain: checked while serialising, in the same pass.
 */
function exactJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (key, v: unknown) => {
      if (key === '__proto__') throw new NotJsonSafe();
      if (typeof v === 'number' && !Number.isFinite(v)) throw new NotJsonSafe();
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
        const proto = Object.getPrototypeOf(v);
        if (proto !== Object.prototype && proto !== null) throw new NotJsonSafe();
      }
      // JSON drops an undefined property and turns an undefined item into null.
      if (v === undefined) throw new NotJsonSafe();
      return v;
    });
  } catch (error) {
    if (error instanceof NotJsonSafe) return undefined;
    throw error;
  }
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
    if (file && folder && keep && writable) store(folder, file, value);
    return value;
  };
}

let pruned = false;

function store(folder: string, file: string, value: unknown): void {
  const text = exactJson(value);
  if (text === undefined) return;
  try {
    mkdirSync(folder, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, file);
    // Once per process: a run stores a few entries, and the folder only needs to stay bounded.
    if (!pruned) prune(folder);
    pruned = true;
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
    .map((name) => ({
      name,
      mtime: statSync(join(folder, name), { throwIfNoEntry: false })?.mtimeMs,
    }))
    .sort((a, b) => (a.mtime ?? 0) - (b.mtime ?? 0));
  for (const { name } of byAge.slice(0, names.length - KEEP)) {
    try {
      unlinkSync(join(folder, name));
    } catch {
      // Another process pruned it first.
    }
  }
}
