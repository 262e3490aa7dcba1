import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

/**
 * Compiling the schema validator and the templates is most of a cold `generate`'s CPU time, and
 * both only change when their sources do. So the generated JavaScript is kept as a module under
 * `node_modules/.cache/strata/`, named by a hash of its sources; a source change is a cache miss.
 * When the cache cannot be written the code is evaluated in memory, which is only slower.
 */
export function cachedModule<T>(
  root: string,
  kind: string,
  sources: string[],
  build: () => string,
): T {
  const hash = createHash('sha256').update(sources.join('\0')).digest('hex').slice(0, 16);
  const dir = join(root, 'node_modules', '.cache', 'strata');
  const file = join(dir, `${kind}-${hash}.js`);
  if (existsSync(file)) return loadCompiled<T>(file);
  const code = build();
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, file);
    return loadCompiled<T>(file);
  } catch {
    const module = { exports: {} as T };
    new Function('module', 'exports', 'require', code)(module, module.exports, require);
    return module.exports;
  }
}

/**
 * Runs a cached module as `require` would, but with V8's code cache beside it (`<file>.v8cache`):
 * the two modules are 800 KB of generated code, and Node 20 recompiles every module on every start.
 * V8 checks the cache against the source and rejects a mismatch; a rejected or missing cache is
 * rewritten when the process ends, once the functions this run used have been compiled.
 */
const loaded = new Map<string, unknown>();

function loadCompiled<T>(file: string): T {
  if (loaded.has(file)) return loaded.get(file) as T;
  const codeCache = `${file}.v8cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(codeCache);
  } catch {
    // None yet.
  }
  const script = new Script(wrap(readFileSync(file, 'utf8')), { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected)
    process.once('exit', () => {
      try {
        const temporary = `${codeCache}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, codeCache);
      } catch {
        // Only costs speed.
      }
    });
  const module = { exports: {} as T };
  (script.runInThisContext() as (...args: unknown[]) => void)(
    module.exports,
    createRequire(file),
    module,
    file,
    dirname(file),
  );
  loaded.set(file, module.exports);
  return module.exports;
}
