import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

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
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the cached module is a path known only at run time
  if (existsSync(file)) return require(file) as T;
  const code = build();
  try {
    mkdirSync(dir, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, code);
    renameSync(temporary, file);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- as above
    return require(file) as T;
  } catch {
    const module = { exports: {} as T };
    new Function('module', 'exports', 'require', code)(module, module.exports, require);
    return module.exports;
  }
}
