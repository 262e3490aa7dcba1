'use strict';
const { compile } = require('json-schema-to-typescript');
const schema = require('../../schema/topology.schema.json');

/** Renders the TypeScript types of a raw topology (as written, before defaults) from the schema. */
async function renderTopologyTypes() {
  return compile(structuredClone(schema), 'Topology', {
    bannerComment:
      '/* Generated from schema/topology.schema.json by `npm run gen:types`. Do not edit. */',
    additionalProperties: false,
    unreachableDefinitions: false,
    style: { singleQuote: true, printWidth: 120 },
  });
}

module.exports = { renderTopologyTypes };
