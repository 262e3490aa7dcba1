#!/usr/bin/env node
'use strict';
// Runs after `npm run build`: bundles the compiled CLI (dist/generator/src) and the small libraries
// every command loads (yaml, commander, the Handlebars runtime...) into one file, dist/cli/strata.js,
// because Node spends a fifth of a cold `generate` finding, reading and compiling 200 separate
// modules. Beside it, inputs.json records the size, mtime and ctime of every file that went in, so
// generator/bin/strata.js uses the bundle only while each of them is unchanged (see bin/strata.js).
// A failure here only costs that speed: the bin then runs dist/ directly, so the build never fails.
const { mkdirSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

const ROOT = join(__dirname, '../..');
const OUT = join(ROOT, 'dist/cli');

/**
 * Left outside: code loaded only by the commands that talk to AWS, package apps or rebuild a cache
 * (the AWS SDK, the diff engine, the schema database, esbuild itself, the Handlebars compiler, ajv's
 * compiler), so the bundle stays small enough to compile quickly.
 */
const EXTERNAL = [
  '@aws-sdk/*',
  '@smithy/*',
  '@aws-cdk/*',
  'esbuild',
  'handlebars',
  'ajv',
  'ajv/*',
  'ajv-formats',
  'express',
  'mysql2',
  'tar',
];

function bundle() {
  const { buildSync } = require('esbuild');
  const temporary = join(OUT, `strata.js.${process.pid}.tmp`);
  const result = buildSync({
    entryPoints: [join(ROOT, 'dist/generator/src/bin.js')],
    absWorkingDir: ROOT,
    outfile: temporary,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: EXTERNAL,
    metafile: true,
    logLevel: 'error',
    // Runtime requires of computed paths (the cached validator and templates) stay requires.
    logOverride: { 'unsupported-require-call': 'silent' },
  });
  const inputs = Object.keys(result.metafile.inputs)
    .map((input) => join(ROOT, input))
    .map((file) => {
      const { size, mtimeMs, ctimeMs } = statSync(file);
      return [relative(ROOT, file), size, mtimeMs, ctimeMs];
    });
  writeFileSync(join(OUT, 'inputs.json.tmp'), `${JSON.stringify({ inputs })}\n`);
  // The code cache belongs to the previous bundle: V8 would reject it, so drop it now.
  rmSync(join(OUT, 'strata.js.v8cache'), { force: true });
  renameSync(temporary, join(OUT, 'strata.js'));
  renameSync(join(OUT, 'inputs.json.tmp'), join(OUT, 'inputs.json'));
  return inputs.length;
}

try {
  mkdirSync(OUT, { recursive: true });
  // Stale first: if bundling fails half-way, the bin must not find an old bundle that looks fresh.
  rmSync(join(OUT, 'inputs.json'), { force: true });
  const count = bundle();
  if (process.argv.includes('--verbose')) console.log(`dist/cli/strata.js: ${count} inputs`);
} catch (error) {
  console.warn(
    `strata: CLI not bundled (${String(error.message).split('\n')[0]}); the bin runs dist/ directly`,
  );
}
