#!/usr/bin/env node
'use strict';
// The CLI is compiled to dist/ by `npm ci` (the prepare script), then bundled into dist/cli/strata.js
// (generator/scripts/bundle-cli.js). This shim runs the bundle while every file that went into it is
// unchanged (same size, mtime and ctime as inputs.json records), else the compiled dist/ itself, so an edit
// or a rebuild without the bundling step can never run stale code; STRATA_BUNDLE=0 forces dist/.
// The bundle is compiled with V8's code cache (Node 20 has no module compile cache), written beside
// it by the first run that lacks one. util/code-cache.ts does the same for the cached validator and
// templates; this shim cannot use it, as it runs before choosing between the bundle and dist/.
const { readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join, sep } = require('node:path');

const ROOT = dirname(dirname(__dirname));
const BUNDLE = join(ROOT, 'dist/cli/strata.js');
const CODE_CACHE = `${BUNDLE}.v8cache`;

function bundleIsFresh() {
  if (process.env.STRATA_BUNDLE === '0') return false;
  try {
    const { inputs } = JSON.parse(readFileSync(join(ROOT, 'dist/cli/inputs.json'), 'utf8'));
    if (!Array.isArray(inputs) || inputs.length === 0) return false;
    // Concatenated, not join()ed: this loop runs on every start, for some 300 files.
    const prefix = `${ROOT}${sep}`;
    for (const [file, size, mtimeMs, ctimeMs] of inputs) {
      const stat = statSync(prefix + file, { throwIfNoEntry: false });
      // ctime too: npm extracts every package file with the same fixed mtime.
      if (!stat || stat.size !== size || stat.mtimeMs !== mtimeMs || stat.ctimeMs !== ctimeMs)
        return false;
    }
    return true;
  } catch {
    return false;
  }
}

function runBundle() {
  const { Script } = require('node:vm');
  const { createRequire, wrap } = require('node:module');
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    // No cache yet: this run compiles from source and leaves one for the next.
  }
  const script = new Script(wrap(source), { filename: BUNDLE, cachedData });
  if (!cachedData || script.cachedDataRejected) {
    // At exit, so the cache holds the functions this run compiled lazily, not just the top level.
    process.once('exit', () => {
      try {
        const temporary = `${CODE_CACHE}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, CODE_CACHE);
      } catch {
        // A read-only checkout only costs speed.
      }
    });
  }
  const module = { exports: {}, id: BUNDLE, filename: BUNDLE, loaded: false };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dirname(BUNDLE));
}

if (bundleIsFresh()) runBundle();
else require('../../dist/generator/src/bin.js');
