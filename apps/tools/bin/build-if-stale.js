#!/usr/bin/env node
/**
 * Compiles the apps (tsc -p apps/tsconfig.build.json) only when a source is newer than the last build, so
 * `npm run backend`, `frontend`, `dev`, `db:*` and `bench:apps` start at once when nothing changed. Plain
 * JavaScript because it runs before anything is compiled.
 */
const { spawnSync } = require('node:child_process');
const { readdirSync, statSync, writeFileSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const stamp = path.join(root, 'dist/apps/.build-stamp');
const inputs = ['tsconfig.json', 'apps/tsconfig.build.json', 'package-lock.json'];

// The newest modification time of the .ts sources under apps/*/src and the build's own configuration.
function newestInput() {
  let newest = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const app of readdirSync(path.join(root, 'apps'), { withFileTypes: true })) {
    const src = path.join(root, 'apps', app.name, 'src');
    if (app.isDirectory() && statSync(src, { throwIfNoEntry: false })?.isDirectory()) walk(src);
  }
  for (const file of inputs) newest = Math.max(newest, statSync(path.join(root, file)).mtimeMs);
  return newest;
}

const built = statSync(stamp, { throwIfNoEntry: false })?.mtimeMs ?? 0;
if (built >= newestInput()) process.exit(0);
const tsc = require.resolve('typescript/bin/tsc', { paths: [root] });
const result = spawnSync(process.execPath, [tsc, '-p', 'apps/tsconfig.build.json'], {
  cwd: root,
  stdio: 'inherit',
});
if (result.status !== 0) process.exit(result.status ?? 1);
mkdirSync(path.dirname(stamp), { recursive: true });
writeFileSync(stamp, `${new Date().toISOString()}\n`);
