#!/usr/bin/env node
'use strict';
// Runs after `npm run build` (so after `npm ci`): fills node_modules/.cache/strata/ with the compiled
// schema validator, the precompiled templates, the lint index and the diff's impact index, so the first `strata generate`
// is as fast as every later one. A failure here only costs that speed, so it never fails the build.
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

try {
  const dist = join(__dirname, '../../dist/generator/src');
  require(join(dist, 'lint/resource-data')).loadResourceSchemas();
  require(join(dist, 'diff/impact-index')).loadImpactIndex();
  require(join(dist, 'generate')).generateTemplates('spec/topology.yaml', {
    cwd: join(__dirname, '../..'),
  });
} catch (error) {
  console.warn(
    `strata: caches not warmed (${error.message.split('\n')[0]}); the first run will build them`,
  );
}

// One `generate --check` through the bin (it writes nothing) leaves V8's code caches for the bundled
// CLI and the cached modules, and the parsed seed templates, as a user's first run would.
spawnSync(process.execPath, [join(__dirname, '../bin/strata.js'), 'generate', '--check'], {
  cwd: join(__dirname, '../..'),
  stdio: 'ignore',
});
