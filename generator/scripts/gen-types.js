#!/usr/bin/env node
'use strict';
// Regenerates generator/src/model/topology.generated.ts from schema/topology.schema.json.
// With --check, writes nothing and exits 1 when the committed file differs (a test runs this).
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { renderTopologyTypes } = require('./topology-types');

const target = join(__dirname, '../src/model/topology.generated.ts');
renderTopologyTypes().then((ts) => {
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== ts) {
      console.error('generator/src/model/topology.generated.ts is stale: run `npm run gen:types`');
      process.exit(1);
    }
    console.log('generator/src/model/topology.generated.ts is current');
    return;
  }
  writeFileSync(target, ts);
  console.log('wrote generator/src/model/topology.generated.ts');
});
