#!/usr/bin/env node
'use strict';
// `npm run fuzz -- --runs N`: bundles the TypeScript fuzz harness (generator/test/fuzz) with esbuild,
// which is already a dependency, instead of adding a TypeScript runner, then runs it.
const { buildSync } = require('esbuild');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const outfile = join(root, 'dist', 'fuzz', 'main.js');
buildSync({
  entryPoints: [join(root, 'generator/test/fuzz/main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  packages: 'external',
  logLevel: 'warning',
});
require(outfile);
