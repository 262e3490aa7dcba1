#!/usr/bin/env node
'use strict';
// Regenerates the environment overlay part of schema/topology.schema.json from its base part.
// With --check, writes nothing and exits 1 when the committed file differs (a test runs this).
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { withEnvironmentSchema } = require('./environment-schema');

const target = join(__dirname, '../../schema/topology.schema.json');

async function main() {
  const current = readFileSync(target, 'utf8');
  const prettier = await import('prettier');
  const config = (await prettier.resolveConfig(target)) ?? {};
  const next = await prettier.format(
    JSON.stringify(withEnvironmentSchema(JSON.parse(current)), null, 2),
    { ...config, filepath: target },
  );
  if (process.argv.includes('--check')) {
    if (next !== current) {
      console.error('schema/topology.schema.json is stale: run `npm run gen:schema`');
      process.exit(1);
    }
    console.log('schema/topology.schema.json environment overlay is current');
    return;
  }
  writeFileSync(target, next);
  console.log('wrote the environment overlay of schema/topology.schema.json');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
