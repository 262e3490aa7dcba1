#!/usr/bin/env node
'use strict';
// Regenerates generator/src/model/topology.generated.ts from schema/topology.schema.json.
// A test fails when the committed file differs, so the types cannot drift from the schema.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { renderTopologyTypes } = require('./topology-types');

renderTopologyTypes().then((ts) => {
  writeFileSync(join(__dirname, '../src/model/topology.generated.ts'), ts);
  console.log('wrote generator/src/model/topology.generated.ts');
});
