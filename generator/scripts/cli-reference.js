'use strict';
// Writes the command reference of docs/cli.md from the built CLI's commander definitions
// (`npm run gen:cli-docs` builds first); generator/test/docs/cli-reference.test.ts fails when it is stale.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { buildProgram } = require('../../dist/generator/src/cli.js');
const { makeContext } = require('../../dist/generator/src/output/context.js');
const {
  commandReference,
  spliceReference,
} = require('../../dist/generator/src/commands/reference.js');

const root = join(__dirname, '..', '..');
const ctx = makeContext({
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: {},
  cwd: root,
});
const file = join(root, 'docs', 'cli.md');
const reference = commandReference(buildProgram(ctx, '0.0.0', ['help']));
writeFileSync(file, spliceReference(readFileSync(file, 'utf8'), reference));
console.log(`wrote the command reference in ${file}`);
